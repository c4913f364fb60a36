//! Connection settings, the schema and its migrations. Each migration moves `user_version`
//! up by one inside a transaction; the list only ever grows.
//!
//! A vault file is data, never code: every connection turns triggers and views off and
//! SQLite's defensive mode on before it reads anything, and a file's schema must be
//! exactly Tend's own (compared row by row) before Tend writes to it or trusts it.

use rusqlite::config::DbConfig;
use rusqlite::Connection;

use super::{Result, VaultError};
use crate::about::SCHEMA_VERSION;

/// Before anything else on a connection: no triggers, no views, no schema tricks.
/// (`trusted_schema` alone would not stop a trigger doing a plain DELETE.)
pub fn harden(conn: &Connection) -> Result<()> {
    for (setting, on) in [
        (DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false),
        (DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false),
        (DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false),
        (DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true),
    ] {
        if conn.set_db_config(setting, on)? != on {
            return Err(VaultError::Storage(
                "SQLite refused a safety setting".into(),
            ));
        }
    }
    Ok(())
}

/// Durable and discreet: a full sync on every commit, freed pages overwritten, temporary
/// tables kept in memory rather than in files.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cell_size_check", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    Ok(())
}

/// Folds the write-ahead log into the main file and truncates it to nothing.
pub fn checkpoint(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

const MIGRATIONS: &[&str] = &[
    // 0 → 1: the header table and the one table of sealed records.
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
     CREATE TABLE records (id BLOB PRIMARY KEY, tag BLOB NOT NULL, envelope BLOB NOT NULL) WITHOUT ROWID;
     CREATE INDEX records_by_tag ON records (tag);",
];

pub fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// One row of `sqlite_master`: type, name, table and SQL.
type SchemaRow = (String, String, String, Option<String>);

fn rows(conn: &Connection) -> Result<Vec<SchemaRow>> {
    let mut stmt =
        conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The schema Tend writes at `version`, as `sqlite_master` holds it.
fn expected(version: u32) -> Result<Vec<SchemaRow>> {
    let mut conn = Connection::open_in_memory()?;
    migrate_to(&mut conn, version)?;
    rows(&conn)
}

/// Refuses a file whose schema is not exactly what Tend wrote at its version: an added
/// trigger, view, table or index, or a changed one, is refused before anything is written.
pub fn check(conn: &Connection) -> Result<()> {
    let version = version(conn)?;
    if version > SCHEMA_VERSION {
        return Err(VaultError::NewerFormat(version as u16));
    }
    if rows(conn)? != expected(version)? {
        return Err(VaultError::Corrupt(
            "it holds database objects Tend did not make",
        ));
    }
    Ok(())
}

/// Brings the schema up to [`SCHEMA_VERSION`].
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    const _: () = assert!(MIGRATIONS.len() == SCHEMA_VERSION as usize);
    let mut current = version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(VaultError::NewerFormat(current as u16));
    }
    while current < target {
        let tx = conn.transaction()?;
        tx.execute_batch(MIGRATIONS[current as usize])?;
        current += 1;
        tx.pragma_update(None, "user_version", current)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_database_migrates_to_the_current_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(tables, ["meta", "records"]);
        migrate(&mut conn).expect("migrating twice is a no-op");
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        check(&conn).expect("Tend's own schema passes its own check");
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert!(migrate(&mut conn).is_err());
        assert!(matches!(check(&conn), Err(VaultError::NewerFormat(_))));
    }

    #[test]
    fn any_object_tend_did_not_make_is_refused() {
        let smuggled = [
            "CREATE TRIGGER t AFTER INSERT ON records BEGIN DELETE FROM records WHERE id = new.id; END",
            "CREATE VIEW v AS SELECT * FROM records",
            "CREATE TABLE extra (x)",
            "CREATE INDEX records_by_envelope ON records (envelope)",
        ];
        for sql in smuggled {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate(&mut conn).unwrap();
            conn.execute_batch(sql).unwrap();
            assert!(matches!(check(&conn), Err(VaultError::Corrupt(_))), "{sql}");
        }
    }

    #[test]
    fn a_hardened_connection_runs_no_triggers_and_opens_no_views() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute_batch(
            "CREATE TRIGGER gone AFTER INSERT ON meta BEGIN DELETE FROM meta; END;
             CREATE VIEW peek AS SELECT * FROM meta;",
        )
        .unwrap();
        harden(&conn).unwrap();
        conn.execute("INSERT INTO meta VALUES ('a', x'00')", [])
            .unwrap();
        let kept: i64 = conn
            .query_row("SELECT count(*) FROM meta", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 1, "the trigger did not run");
        assert!(conn
            .query_row("SELECT * FROM peek", [], |_| Ok(()))
            .is_err());
    }

    #[test]
    fn the_connection_is_durable_and_discreet() {
        let dir = tempfile::tempdir().unwrap();
        let conn = Connection::open(dir.path().join("x.db")).unwrap();
        configure(&conn).unwrap();
        let get = |p: &str| {
            conn.pragma_query_value(None, p, |r| {
                r.get::<_, String>(0)
                    .or_else(|_| r.get::<_, i64>(0).map(|n| n.to_string()))
            })
            .unwrap()
        };
        assert_eq!(get("journal_mode"), "wal");
        assert_eq!(get("synchronous"), "2", "FULL");
        assert_eq!(get("secure_delete"), "1");
        assert_eq!(get("temp_store"), "2", "MEMORY");
    }
}
