package dev.dorisccr.core.ddl;

import static java.util.Objects.requireNonNull;

/**
 * A table or view name qualified by its database: renders as {@code `db`.`table`}.
 *
 * @param database the database
 * @param name the table (or view) inside it
 */
public record QualifiedName(Identifier database, Identifier name) {
    public QualifiedName {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
    }

    public static QualifiedName of(String database, String name) {
        return new QualifiedName(Identifier.of(database), Identifier.of(name));
    }

    public String quoted() {
        return database.quoted() + "." + name.quoted();
    }

    @Override
    public String toString() {
        return database.name() + "." + name.name();
    }
}
