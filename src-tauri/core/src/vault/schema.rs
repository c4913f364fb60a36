//! Connection settings and schema migrations. Each migration moves `user_version` up by
//! one inside a transaction; the list only ever grows.

use rusqlite::Connection;

use super::Result;
use crate::about::SCHEMA_VERSION;

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

/// Brings the schema up to [`SCHEMA_VERSION`].
pub fn migrate(conn: &mut Connection) -> Result<()> {
    const _: () = assert!(MIGRATIONS.len() == SCHEMA_VERSION as usize);
    let mut current = version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(super::VaultError::NewerFormat(current as u16));
    }
    while current < SCHEMA_VERSION {
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
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert!(migrate(&mut conn).is_err());
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
