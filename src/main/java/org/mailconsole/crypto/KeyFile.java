package org.mailconsole.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES key that protects stored secrets, kept in a file outside the database.
 * Created on first use with owner-only permissions (rw-------); an existing file
 * is read, never overwritten, and its permissions are checked at every start.
 */
public final class KeyFile {
    private static final int KEY_BYTES = 32;
    private static final System.Logger LOG = System.getLogger(KeyFile.class.getName());
    private static final Set<PosixFilePermission> OTHERS_AND_GROUP = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFile() {
    }

    public static SecretKey loadOrCreate(Path path) {
        try {
            if (!Files.exists(path)) {
                create(path);
            }
            // an admin's copy or restore may have widened it: say so at every start (it is theirs to fix)
            permissionProblem(path).ifPresent(problem -> LOG.log(System.Logger.Level.WARNING, "Mail Console: " + problem));
            byte[] key = Base64.getDecoder().decode(Files.readString(path).trim());
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("key file " + path + " does not hold a 256-bit key");
            }
            return new SecretKeySpec(key, "AES");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("key file " + path + " is not a base64 key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create key file " + path, e);
        }
    }

    /**
     * What is wrong with the key file's permissions (group or others may use it), or empty when
     * only its owner may, or the file system has no POSIX permissions.
     */
    public static Optional<String> permissionProblem(Path path) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix") || !Files.exists(path)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.stream().noneMatch(OTHERS_AND_GROUP::contains)) {
                return Optional.empty();
            }
            return Optional.of("the key file " + path.toAbsolutePath() + " is readable or writable by others than its owner ("
                    + PosixFilePermissions.toString(permissions) + "); anyone who can read it can open every stored "
                    + "secret: make it rw------- (chmod 600)");
        } catch (IOException e) {
            return Optional.of("cannot read the permissions of the key file " + path.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /**
     * Writes the key under a temporary name in the same folder and moves it into place, so the file
     * at {@code path} is never seen empty or half written (a crash while writing leaves only the
     * temporary file, and the next start makes a new one).
     */
    private static void create(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, path.getFileName() + ".", ".new", ownerOnly);
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            try {
                // a link, not a replacing move: a key another starter put there first is kept (theirs is used)
                Files.createLink(path, temporary);
            } catch (FileAlreadyExistsException raced) {
                return;
            } catch (UnsupportedOperationException | IOException noLinks) {
                if (Files.exists(path)) {
                    return;
                }
                moveIntoPlace(temporary, path);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void moveIntoPlace(Path temporary, Path path) throws IOException {
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path);
        }
    }
}
