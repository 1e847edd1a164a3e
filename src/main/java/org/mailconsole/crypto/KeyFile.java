package org.mailconsole.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES key that protects stored secrets, kept in a file outside the database.
 * Created on first use with owner-only permissions (rw-------); an existing file
 * is read, never overwritten.
 */
public final class KeyFile {
    private static final int KEY_BYTES = 32;

    private KeyFile() {
    }

    public static SecretKey loadOrCreate(Path path) {
        try {
            if (!Files.exists(path)) {
                create(path);
            }
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

    private static void create(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(path, ownerOnly);
        } catch (FileAlreadyExistsException raced) {
            return; // another starter created it first: use theirs
        }
        Files.writeString(path, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.WRITE);
    }
}
