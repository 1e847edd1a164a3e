package org.mailconsole.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The folder of the embedded database's files (they hold queued messages and the email log),
 * owner-only (rwx------). Java cannot set the process's umask, and HSQLDB creates its files with
 * it, often world-readable: a folder only its owner may enter keeps every file in it, present and
 * future, from other users, whatever their own permissions.
 */
public final class DataFolder {
    private static final System.Logger LOG = System.getLogger(DataFolder.class.getName());
    static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private DataFolder() {
    }

    /** Creates {@code folder} owner-only, or makes an existing one so (with a log line). */
    public static void ownerOnly(Path folder) {
        try {
            if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(folder); // Windows: the folder's ACLs are the admin's
                return;
            }
            if (!Files.exists(folder)) {
                Files.createDirectories(folder.toAbsolutePath().getParent());
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(folder, OWNER_ONLY); // createDirectory's attribute is masked by the umask
                return;
            }
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(folder);
            if (now.equals(OWNER_ONLY)) {
                return;
            }
            if (now.contains(PosixFilePermission.OTHERS_WRITE)) {
                // a folder everyone writes to (/tmp) is shared by design: narrowing it would break others
                LOG.log(System.Logger.Level.WARNING, "Mail Console: the database folder {0} is writable by everyone ({1}); "
                        + "its files may be readable by other users: give the database a folder of its own "
                        + "(mailconsole.db.path)", folder.toAbsolutePath(), PosixFilePermissions.toString(now));
                return;
            }
            try {
                Files.setPosixFilePermissions(folder, OWNER_ONLY);
            } catch (IOException notOwner) {
                // a folder another user owns (an admin's layout that worked before): warn, do not refuse the start
                LOG.log(System.Logger.Level.WARNING, "Mail Console: could not make the database folder {0} owner-only "
                        + "({1}, {2}); other users may read the database files: make it rwx------ for the container''s "
                        + "user", folder.toAbsolutePath(), PosixFilePermissions.toString(now), notOwner.toString());
                return;
            }
            LOG.log(System.Logger.Level.INFO, "Mail Console: made the database folder {0} owner-only (rwx------, was {1}), "
                    + "so other users cannot read the database files", folder.toAbsolutePath(), PosixFilePermissions.toString(now));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or protect the database folder " + folder.toAbsolutePath(), e);
        }
    }
}
