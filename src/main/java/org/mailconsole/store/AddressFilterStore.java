package org.mailconsole.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailconsole.model.AuditEntry;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.AddressList;
import org.mailconsole.model.filter.FilterDirection;
import org.mailconsole.model.filter.ListType;

/**
 * The address_filter tables (V5). Every write checks the version and the rules in its transaction
 * (unique name, at most one default per direction, no delete or change of direction while an
 * account names the filter); the unique columns and the accounts' foreign key hold the same rules
 * against writers that race each other, on HSQLDB and PostgreSQL alike.
 */
public final class AddressFilterStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Database database;

    public AddressFilterStore(Database database) {
        this.database = database;
    }

    /** Moves on with every insert, update and delete. */
    public long version() {
        return database.read(connection -> ConfigVersions.read(connection, ConfigVersions.ADDRESS_FILTERS));
    }

    /** Every filter, ordered by direction (outbound first) and name. */
    public List<AddressFilter> list() {
        return database.read(AddressFilterStore::list);
    }

    public Optional<AddressFilter> find(long id) {
        return database.read(connection -> find(connection, id));
    }

    /** The names of the accounts that name this filter as their "System address filter". */
    public List<String> accountsNaming(long id) {
        return database.read(connection -> accountsNaming(connection, id));
    }

    /** @return the saved filter with its id and version 1 */
    public AddressFilter insert(AddressFilter filter, List<AuditEntry> audit) {
        return database.inTransaction(connection -> {
            checkRules(connection, filter, -1);
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO address_filter (name, name_key, "
                    + "direction, active, default_for, version) VALUES (?, ?, ?, ?, ?, 1)", new String[] {"id"})) {
                bind(insert, filter);
                execute(insert, filter);
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            writeLists(connection, id, filter.lists());
            ConfigVersions.bump(connection, ConfigVersions.ADDRESS_FILTERS);
            AuditStore.insert(connection, audit);
            return find(connection, id).orElseThrow();
        });
    }

    /** Replaces a filter if its version is still {@code filter.version()}. */
    public AddressFilter update(AddressFilter filter, List<AuditEntry> audit) {
        return database.inTransaction(connection -> {
            AddressFilter current = find(connection, filter.id()).orElseThrow(() -> new FilterNotFoundException(filter.id()));
            if (current.version() != filter.version()) {
                throw new VersionConflictException(filter.version(), current.version());
            }
            checkRules(connection, filter, filter.id());
            if (current.direction() != filter.direction()) {
                List<String> naming = accountsNaming(connection, filter.id());
                if (!naming.isEmpty()) {
                    throw new FilterRuleException("direction", "the direction cannot change while accounts name this filter: "
                            + String.join(", ", naming));
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE address_filter SET name = ?, "
                    + "name_key = ?, direction = ?, active = ?, default_for = ?, version = version + 1 "
                    + "WHERE id = ? AND version = ?")) {
                bind(update, filter);
                update.setLong(6, filter.id());
                update.setLong(7, filter.version());
                if (execute(update, filter) != 1) {
                    long now = find(connection, filter.id()).map(AddressFilter::version).orElse(-1L);
                    throw new VersionConflictException(filter.version(), now);
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM address_filter_list WHERE filter_id = ?")) {
                delete.setLong(1, filter.id());
                delete.executeUpdate();
            }
            writeLists(connection, filter.id(), filter.lists());
            ConfigVersions.bump(connection, ConfigVersions.ADDRESS_FILTERS);
            AuditStore.insert(connection, audit);
            return find(connection, filter.id()).orElseThrow();
        });
    }

    /** Deletes a filter if its version is still {@code version} and no account names it. */
    public void delete(long id, long version, List<AuditEntry> audit) {
        database.inTransaction(connection -> {
            AddressFilter current = find(connection, id).orElseThrow(() -> new FilterNotFoundException(id));
            if (current.version() != version) {
                throw new VersionConflictException(version, current.version());
            }
            List<String> naming = accountsNaming(connection, id);
            if (!naming.isEmpty()) {
                throw namedBy(current.name(), naming);
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM address_filter WHERE id = ? AND version = ?")) {
                delete.setLong(1, id);
                delete.setLong(2, version);
                int deleted;
                try {
                    deleted = delete.executeUpdate();
                } catch (SQLException e) {
                    if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                        // an account started naming it after the check above
                        throw namedBy(current.name(), List.of("an account saved just now"));
                    }
                    throw e;
                }
                if (deleted != 1) {
                    throw new VersionConflictException(version, -1);
                }
            }
            ConfigVersions.bump(connection, ConfigVersions.ADDRESS_FILTERS);
            AuditStore.insert(connection, audit);
            return null;
        });
    }

    private static FilterRuleException namedBy(String name, List<String> accounts) {
        return new FilterRuleException("id", "\"" + name + "\" cannot be deleted: the email account(s) "
                + String.join(", ", accounts) + " name it. Choose another filter on those accounts first.");
    }

    private static void checkRules(Connection connection, AddressFilter filter, long ownId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM address_filter WHERE name_key = ? AND id <> ?")) {
            query.setString(1, key(filter.name()));
            query.setLong(2, ownId);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    throw duplicateName();
                }
            }
        }
        if (filter.isDefault()) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name FROM address_filter WHERE default_for = ? AND id <> ?")) {
                query.setString(1, filter.direction().name());
                query.setLong(2, ownId);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        throw secondDefault(filter.direction(), rows.getString(1));
                    }
                }
            }
        }
    }

    private static FilterRuleException duplicateName() {
        return new FilterRuleException("name", "is already the name of another system address filter");
    }

    private static FilterRuleException secondDefault(FilterDirection direction, String current) {
        return new FilterRuleException("isDefault", "only one " + direction.code() + " filter may be the default"
                + (current == null ? "" : ": \"" + current + "\" is. Clear its Default first."));
    }

    /** Runs an insert or update; a unique index that a racing writer took first becomes the rule's 409. */
    private static int execute(PreparedStatement statement, AddressFilter filter) throws SQLException {
        try {
            return statement.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("address_filter_default_unique")) {
                    throw secondDefault(filter.direction(), null);
                }
                throw duplicateName();
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, AddressFilter filter) throws SQLException {
        statement.setString(1, filter.name());
        statement.setString(2, key(filter.name()));
        statement.setString(3, filter.direction().name());
        statement.setBoolean(4, filter.active());
        statement.setString(5, filter.isDefault() ? filter.direction().name() : null);
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static void writeLists(Connection connection, long id, List<AddressList> lists) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO address_filter_list (filter_id, "
                + "position, list_type, domains, exceptions) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < lists.size(); i++) {
                AddressList list = lists.get(i);
                insert.setLong(1, id);
                insert.setInt(2, i);
                insert.setString(3, list.type().name());
                insert.setString(4, String.join("\n", list.domains()));
                insert.setString(5, String.join("\n", list.exceptions()));
                insert.addBatch();
            }
            if (!lists.isEmpty()) {
                insert.executeBatch();
            }
        }
    }

    private static List<String> accountsNaming(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name FROM email_account WHERE address_filter_id = ? ORDER BY name")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add("\"" + rows.getString(1) + "\"");
                }
                return names;
            }
        }
    }

    private static List<AddressFilter> list(Connection connection) throws SQLException {
        Map<Long, List<AddressList>> lists = lists(connection, null);
        List<AddressFilter> filters = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, name, direction, active, default_for, "
                + "version FROM address_filter ORDER BY direction DESC, name_key");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                filters.add(filter(rows, lists.getOrDefault(rows.getLong("id"), List.of())));
            }
        }
        return filters;
    }

    private static Optional<AddressFilter> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id, name, direction, active, default_for, "
                + "version FROM address_filter WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(filter(rows, lists(connection, id).getOrDefault(id, List.of())));
            }
        }
    }

    private static Map<Long, List<AddressList>> lists(Connection connection, Long onlyFilter) throws SQLException {
        String sql = "SELECT filter_id, list_type, domains, exceptions FROM address_filter_list"
                + (onlyFilter == null ? "" : " WHERE filter_id = ?") + " ORDER BY filter_id, position";
        Map<Long, List<AddressList>> byFilter = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (onlyFilter != null) {
                query.setLong(1, onlyFilter);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byFilter.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(new AddressList(
                            ListType.valueOf(rows.getString(2)), lines(rows.getString(3)), lines(rows.getString(4))));
                }
            }
        }
        return byFilter;
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private static AddressFilter filter(ResultSet rows, List<AddressList> lists) throws SQLException {
        return new AddressFilter(rows.getLong("id"), rows.getString("name"),
                FilterDirection.valueOf(rows.getString("direction")), rows.getBoolean("active"),
                rows.getString("default_for") != null, lists, rows.getLong("version"));
    }
}
