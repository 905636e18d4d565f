package dev.asyncgrader.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/** Every SQL statement about the files Jobe clients upload for their runs: stored, checked, read back. */
public final class JobeFileRepository {
    private final Database db;

    public JobeFileRepository(Database db) {
        this.db = db;
    }

    /** Stores (or replaces) the file {@code id}. */
    public void put(String id, byte[] contents) throws SQLException {
        String encoded = Base64.getEncoder().encodeToString(contents);
        db.call(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM jobe_files WHERE id = ?");
                    PreparedStatement i =
                            c.prepareStatement("INSERT INTO jobe_files (id, contents, created_at) VALUES (?, ?, ?)")) {
                d.setString(1, id);
                d.executeUpdate();
                i.setString(1, id);
                i.setString(2, encoded);
                i.setString(3, StoreTime.now());
                i.executeUpdate();
            }
            return null;
        });
    }

    /** Whether the file {@code id} is stored. */
    public boolean exists(String id) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM jobe_files WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /** The bytes of the file {@code id}, if stored. */
    public Optional<byte[]> get(String id) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT contents FROM jobe_files WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(Base64.getDecoder().decode(r.getString(1))) : Optional.empty();
                }
            }
        });
    }
}
