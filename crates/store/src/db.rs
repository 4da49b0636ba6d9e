//! One SQL interface over both engines. The store's functions are written once against
//! `Connection`, whose shape follows rusqlite's (`execute`, `query_row`, `prepare` and
//! `query_map`, `row.get`): on SQLite it is a thin wrapper, on PostgreSQL it runs the same
//! statement inside the caller's transaction. SQL is written in the subset both engines agree
//! on, with SQLite's `?N` parameters (rewritten to `$N` for PostgreSQL); values cross as five
//! storage classes (null, integer, real, text, blob), converted to the column types PostgreSQL
//! asks for, so an integer flag binds to a `BIGINT` or a `BOOLEAN` alike.

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error as StdError;

use bytes::BytesMut;
use postgres::types::{IsNull, ToSql as PgToSql, Type, to_sql_checked};

/// Which engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// The embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Failures of a statement.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite reported an error.
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL (or the connection to it) reported an error.
    #[error("{}", postgres_message(.0))]
    Postgres(#[from] postgres::Error),
    /// `query_row` found no row.
    #[error("the query returned no rows")]
    NoRows,
    /// A column held a value of another kind than the one asked for.
    #[error("column {column}: {message}")]
    Column {
        /// Column index.
        column: usize,
        /// What was wrong.
        message: String,
    },
}

impl DbError {
    /// Whether the connection to PostgreSQL failed (closed, refused, timed out), rather than
    /// the server refusing a statement.
    pub fn is_connection_error(&self) -> bool {
        match self {
            Self::Postgres(e) => {
                e.as_db_error().is_none()
                    && (e.is_closed()
                        || e.source().is_some_and(|s| s.is::<std::io::Error>() || s.is::<rustls::Error>()))
            }
            _ => false,
        }
    }

    /// Whether a UNIQUE or PRIMARY KEY constraint refused the statement.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            Self::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            }
            Self::Postgres(e) => e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
            _ => false,
        }
    }
}

/// PostgreSQL's own message and detail (the driver's `Display` says only "db error").
fn postgres_message(err: &postgres::Error) -> String {
    match err.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_owned(),
        },
        // The driver's own text names the cause already.
        None if err.to_string().contains("invalid peer certificate") => format!(
            "{err} (trust the server's certificate authority with --database-ca-file, or turn TLS off with \
             sslmode=disable in the URL on a trusted network)"
        ),
        None => err.to_string(),
    }
}

/// `Result<T, DbError>` of a query that may find no row, as an `Option`.
pub trait OptionalExtension<T> {
    /// `Ok(None)` instead of `Err(NoRows)`.
    fn optional(self) -> Result<Option<T>, DbError>;
}

impl<T> OptionalExtension<T> for Result<T, DbError> {
    fn optional(self) -> Result<Option<T>, DbError> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(DbError::NoRows) => Ok(None),
            Err(err) => Err(err),
        }
    }
}

/// A value as bound or read, borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    /// SQL NULL.
    Null,
    /// An integer (also booleans).
    Integer(i64),
    /// A floating-point number.
    Real(f64),
    /// Text.
    Text(&'a str),
    /// Bytes.
    Blob(&'a [u8]),
}

/// A value as bound or read, owned (for statements built at run time).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// An integer.
    Integer(i64),
    /// A floating-point number.
    Real(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

/// A Rust value that binds as a statement parameter.
pub trait ToSql {
    /// The value to bind.
    fn to_sql(&self) -> ValueRef<'_>;
}

impl<T: ToSql + ?Sized> ToSql for &T {
    fn to_sql(&self) -> ValueRef<'_> {
        (**self).to_sql()
    }
}

impl<T: ToSql> ToSql for Option<T> {
    fn to_sql(&self) -> ValueRef<'_> {
        self.as_ref().map_or(ValueRef::Null, ToSql::to_sql)
    }
}

macro_rules! integer_to_sql {
    ($($t:ty),*) => {$(
        impl ToSql for $t {
            fn to_sql(&self) -> ValueRef<'_> {
                ValueRef::Integer(i64::from(*self))
            }
        }
    )*};
}
integer_to_sql!(i64, i32, u32, u16, u8, bool);

impl ToSql for f64 {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Real(*self)
    }
}

impl ToSql for str {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}

impl ToSql for String {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Text(self)
    }
}

impl ToSql for [u8] {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl ToSql for Vec<u8> {
    fn to_sql(&self) -> ValueRef<'_> {
        ValueRef::Blob(self)
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> ValueRef<'_> {
        match self {
            Self::Null => ValueRef::Null,
            Self::Integer(i) => ValueRef::Integer(*i),
            Self::Real(f) => ValueRef::Real(*f),
            Self::Text(s) => ValueRef::Text(s),
            Self::Blob(b) => ValueRef::Blob(b),
        }
    }
}

/// A Rust value a column converts to.
pub trait FromSql: Sized {
    /// Converts, or says why not.
    fn from_sql(value: ValueRef<'_>) -> Result<Self, String>;
}

fn wrong(expected: &str, value: ValueRef<'_>) -> String {
    let found = match value {
        ValueRef::Null => "NULL",
        ValueRef::Integer(_) => "an integer",
        ValueRef::Real(_) => "a real",
        ValueRef::Text(_) => "text",
        ValueRef::Blob(_) => "a blob",
    };
    format!("expected {expected}, found {found}")
}

impl FromSql for i64 {
    fn from_sql(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Integer(i) => Ok(i),
            other => Err(wrong("an integer", other)),
        }
    }
}

macro_rules! narrow_from_sql {
    ($($t:ty),*) => {$(
        impl FromSql for $t {
            fn from_sql(value: ValueRef<'_>) -> Result<Self, String> {
                let wide = i64::from_sql(value)?;
                <$t>::try_from(wide).map_err(|_| format!("{wide} is out of range for {}", stringify!($t)))
            }
        }
    )*};
}
narrow_from_sql!(i32, u32, u16, usize);

impl FromSql for bool {
    fn from_sql(value: ValueRef<'_>) -> Result<Self, String> {
        Ok(i64::from_sql(value)? != 0)
    }
}

impl FromSql for f64 {
    fn from_sql(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Real(f) => Ok(f),
            #[allow(clippy::cast_precision_loss)]
            ValueRef::Integer(i) => Ok(i as f64),
            other => Err(wrong("a number", other)),
        }
    }
}

impl FromSql for String {
    fn from_sql(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Text(s) => Ok(s.to_owned()),
            other => Err(wrong("text", other)),
        }
    }
}

impl FromSql for Vec<u8> {
    fn from_sql(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            ValueRef::Text(s) => Ok(s.as_bytes().to_vec()),
            other => Err(wrong("a blob", other)),
        }
    }
}

impl<T: FromSql> FromSql for Option<T> {
    fn from_sql(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Null => Ok(None),
            other => T::from_sql(other).map(Some),
        }
    }
}

impl FromSql for Value {
    fn from_sql(value: ValueRef<'_>) -> Result<Self, String> {
        Ok(match value {
            ValueRef::Null => Self::Null,
            ValueRef::Integer(i) => Self::Integer(i),
            ValueRef::Real(f) => Self::Real(f),
            ValueRef::Text(s) => Self::Text(s.to_owned()),
            ValueRef::Blob(b) => Self::Blob(b.to_vec()),
        })
    }
}

/// The parameters of a statement.
pub trait Params {
    /// The values, in order.
    fn values(&self) -> Vec<ValueRef<'_>>;
}

impl Params for &[&dyn ToSql] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(|p| p.to_sql()).collect()
    }
}

impl Params for [&dyn ToSql; 0] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        Vec::new()
    }
}

impl Params for &[Value] {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(ToSql::to_sql).collect()
    }
}

impl Params for Vec<Value> {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.iter().map(ToSql::to_sql).collect()
    }
}

macro_rules! array_params {
    ($($n:literal),*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn values(&self) -> Vec<ValueRef<'_>> {
                self.iter().map(ToSql::to_sql).collect()
            }
        }
    )*};
}
array_params!(1, 2, 3, 4, 5, 6, 7, 8);

/// Parameters of mixed types: `params![a, b, c]`.
#[macro_export]
macro_rules! params {
    () => {
        &[] as &[&dyn $crate::db::ToSql]
    };
    ($($param:expr),+ $(,)?) => {
        &[$(&$param as &dyn $crate::db::ToSql),+] as &[&dyn $crate::db::ToSql]
    };
}
pub use params;

impl rusqlite::ToSql for ValueRef<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef as Sqlite};
        Ok(ToSqlOutput::Borrowed(match *self {
            ValueRef::Null => Sqlite::Null,
            ValueRef::Integer(i) => Sqlite::Integer(i),
            ValueRef::Real(f) => Sqlite::Real(f),
            ValueRef::Text(s) => Sqlite::Text(s.as_bytes()),
            ValueRef::Blob(b) => Sqlite::Blob(b),
        }))
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef as Sqlite};
        Ok(ToSqlOutput::Borrowed(match self {
            Self::Null => Sqlite::Null,
            Self::Integer(i) => Sqlite::Integer(*i),
            Self::Real(f) => Sqlite::Real(*f),
            Self::Text(s) => Sqlite::Text(s.as_bytes()),
            Self::Blob(b) => Sqlite::Blob(b),
        }))
    }
}

type BoxError = Box<dyn StdError + Sync + Send>;

impl postgres::types::ToSql for ValueRef<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match *self {
            ValueRef::Null => Ok(IsNull::Yes),
            ValueRef::Integer(i) => match *ty {
                Type::INT8 => PgToSql::to_sql(&i, ty, out),
                Type::INT4 => PgToSql::to_sql(&i32::try_from(i)?, ty, out),
                Type::INT2 => PgToSql::to_sql(&i16::try_from(i)?, ty, out),
                Type::BOOL => PgToSql::to_sql(&(i != 0), ty, out),
                #[allow(clippy::cast_precision_loss)]
                Type::FLOAT8 => PgToSql::to_sql(&(i as f64), ty, out),
                Type::TEXT | Type::VARCHAR => PgToSql::to_sql(&i.to_string(), ty, out),
                _ => Err(format!("cannot bind an integer to a {ty} parameter").into()),
            },
            ValueRef::Real(f) => match *ty {
                Type::FLOAT8 => PgToSql::to_sql(&f, ty, out),
                #[allow(clippy::cast_possible_truncation)]
                Type::FLOAT4 => PgToSql::to_sql(&(f as f32), ty, out),
                _ => Err(format!("cannot bind a real to a {ty} parameter").into()),
            },
            ValueRef::Text(s) => PgToSql::to_sql(&s, ty, out),
            ValueRef::Blob(b) => PgToSql::to_sql(&b, ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// A PostgreSQL column read as one of the five storage classes.
struct Column<'a>(ValueRef<'a>);

impl<'a> postgres::types::FromSql<'a> for Column<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(Self(match *ty {
            Type::INT8 => ValueRef::Integer(<i64 as postgres::types::FromSql>::from_sql(ty, raw)?),
            Type::INT4 => ValueRef::Integer(<i32 as postgres::types::FromSql>::from_sql(ty, raw)?.into()),
            Type::INT2 => ValueRef::Integer(<i16 as postgres::types::FromSql>::from_sql(ty, raw)?.into()),
            Type::BOOL => ValueRef::Integer(<bool as postgres::types::FromSql>::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => ValueRef::Real(<f64 as postgres::types::FromSql>::from_sql(ty, raw)?),
            Type::FLOAT4 => ValueRef::Real(<f32 as postgres::types::FromSql>::from_sql(ty, raw)?.into()),
            Type::BYTEA => ValueRef::Blob(<&[u8] as postgres::types::FromSql>::from_sql(ty, raw)?),
            _ if <&str as postgres::types::FromSql>::accepts(ty) => {
                ValueRef::Text(<&str as postgres::types::FromSql>::from_sql(ty, raw)?)
            }
            _ => return Err(format!("lambdabox reads no column of type {ty}").into()),
        }))
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(Self(ValueRef::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A column index (`row.get::<_, T>(0)`, as with rusqlite).
pub trait ColumnIndex {
    /// The index.
    fn index(self) -> usize;
}

impl ColumnIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// One result row.
pub struct Row<'r> {
    inner: RowInner<'r>,
}

enum RowInner<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

impl Row<'_> {
    /// Column `idx` converted to `T`.
    pub fn get<I: ColumnIndex, T: FromSql>(&self, idx: I) -> Result<T, DbError> {
        let column = idx.index();
        let converted = match &self.inner {
            RowInner::Sqlite(row) => {
                let value = row.get_ref(column)?;
                let value = match value {
                    rusqlite::types::ValueRef::Null => ValueRef::Null,
                    rusqlite::types::ValueRef::Integer(i) => ValueRef::Integer(i),
                    rusqlite::types::ValueRef::Real(f) => ValueRef::Real(f),
                    rusqlite::types::ValueRef::Text(t) => ValueRef::Text(
                        std::str::from_utf8(t).map_err(|e| DbError::Column { column, message: e.to_string() })?,
                    ),
                    rusqlite::types::ValueRef::Blob(b) => ValueRef::Blob(b),
                };
                T::from_sql(value)
            }
            RowInner::Postgres(row) => {
                let Column(value) = row.try_get::<_, Column<'_>>(column)?;
                T::from_sql(value)
            }
        };
        converted.map_err(|message| DbError::Column { column, message })
    }
}

/// Prepared statements kept per PostgreSQL connection, keyed by the SQL as written.
pub(crate) type StatementCache = HashMap<String, postgres::Statement>;

/// Statements cached per connection before the cache starts over (statements built at run
/// time, such as `IN` lists, come in many shapes).
const MAX_CACHED_STATEMENTS: usize = 256;

pub(crate) struct PgTransaction<'c> {
    pub(crate) tx: postgres::Transaction<'c>,
    pub(crate) statements: &'c mut StatementCache,
}

impl PgTransaction<'_> {
    fn statement(&mut self, sql: &str) -> Result<postgres::Statement, DbError> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.tx.prepare(&postgres_sql(sql))?;
        if self.statements.len() >= MAX_CACHED_STATEMENTS {
            self.statements.clear();
        }
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    fn query(
        &mut self,
        statement: &postgres::Statement,
        values: &[ValueRef<'_>],
    ) -> Result<Vec<postgres::Row>, DbError> {
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn postgres::types::ToSql + Sync)).collect();
        Ok(self.tx.query(statement, &params)?)
    }

    fn execute(&mut self, statement: &postgres::Statement, values: &[ValueRef<'_>]) -> Result<usize, DbError> {
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn postgres::types::ToSql + Sync)).collect();
        let n = self.tx.execute(statement, &params)?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }
}

/// A statement in the dialect both engines share, for PostgreSQL: SQLite's parameters (`?`,
/// `?N`) as `$N` (outside quoted text), and SQLite's orderings spelled out: `x COLLATE NOCASE`
/// (ASCII case folded, then bytes) as `lower(x) COLLATE "C"`, `COLLATE BINARY` as `COLLATE "C"`.
/// (PostgreSQL's `nocase` collation still decides equality and uniqueness of the columns
/// declared with it; only the sort order needs SQLite's rule.)
pub(crate) fn postgres_sql(sql: &str) -> String {
    collations(&parameters(sql))
}

fn collations(sql: &str) -> String {
    const NOCASE: &str = " COLLATE NOCASE";
    let sql = sql.replace(" COLLATE BINARY", " COLLATE \"C\"");
    let mut out = String::with_capacity(sql.len() + 16);
    let mut rest = sql.as_str();
    while let Some(at) = rest.find(NOCASE) {
        let before = &rest[..at];
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        out.push_str(&before[..start]);
        out.push_str(&format!("lower({}) COLLATE \"C\"", &before[start..]));
        rest = &rest[at + NOCASE.len()..];
    }
    out.push_str(rest);
    out
}

fn parameters(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let (mut next, mut quote) = (1_usize, None::<char>);
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), _) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            (None, '\'' | '"') => {
                quote = Some(c);
                out.push(c);
            }
            (None, '?') => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n = digits.parse::<usize>().unwrap_or(next);
                next = next.max(n + 1);
                out.push('$');
                out.push_str(&n.to_string());
            }
            (None, _) => out.push(c),
        }
    }
    out
}

/// Rows in one multi-row `INSERT` on PostgreSQL (one round trip each); the rest go in halving
/// chunks, so only a few statement shapes are ever prepared.
const INSERT_CHUNK: usize = 64;

/// Inserts `rows` with `insert` (`INSERT INTO t (a, b) VALUES`), the `tuple` of one row's
/// placeholders (`(?, ?)`) and each row's `values`: on
/// SQLite one prepared statement per row, on PostgreSQL several rows per statement.
pub fn insert_rows<R>(
    tx: &Connection<'_>,
    insert: &str,
    tuple: &str,
    rows: &[R],
    values: fn(&R) -> Vec<ValueRef<'_>>,
) -> Result<(), DbError> {
    if rows.is_empty() {
        return Ok(());
    }
    if tx.dialect() == Dialect::Sqlite {
        let mut stmt = tx.prepare(&format!("{insert} {tuple}"))?;
        for row in rows {
            stmt.execute(values(row))?;
        }
        return Ok(());
    }
    let mut rest = rows;
    while !rest.is_empty() {
        let mut chunk = INSERT_CHUNK;
        while chunk > rest.len() {
            chunk /= 2;
        }
        let (now, later) = rest.split_at(chunk);
        let sql = format!("{insert} {}", vec![tuple; chunk].join(", "));
        tx.execute(&sql, now.iter().flat_map(values).collect::<Vec<_>>())?;
        rest = later;
    }
    Ok(())
}

impl Params for Vec<ValueRef<'_>> {
    fn values(&self) -> Vec<ValueRef<'_>> {
        self.clone()
    }
}

/// A connection inside a transaction (or, on SQLite, a read connection).
pub struct Connection<'c> {
    backend: Backend<'c>,
}

enum Backend<'c> {
    Sqlite(&'c rusqlite::Connection),
    Postgres(RefCell<PgTransaction<'c>>),
}

/// Writes take the same connection type; the name says what the function does.
pub type Transaction<'c> = Connection<'c>;

impl<'c> Connection<'c> {
    pub(crate) fn sqlite(conn: &'c rusqlite::Connection) -> Self {
        Self { backend: Backend::Sqlite(conn) }
    }

    pub(crate) fn postgres(tx: PgTransaction<'c>) -> Self {
        Self { backend: Backend::Postgres(RefCell::new(tx)) }
    }

    /// Ends a PostgreSQL transaction with a commit (SQLite's is committed by its owner).
    pub(crate) fn commit(self) -> Result<(), DbError> {
        match self.backend {
            Backend::Sqlite(_) => Ok(()),
            Backend::Postgres(tx) => Ok(tx.into_inner().tx.commit()?),
        }
    }

    /// The engine behind this connection.
    pub fn dialect(&self) -> Dialect {
        match self.backend {
            Backend::Sqlite(_) => Dialect::Sqlite,
            Backend::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The SQLite connection, for what only SQLite has (FTS5).
    pub fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match self.backend {
            Backend::Sqlite(conn) => Some(conn),
            Backend::Postgres(_) => None,
        }
    }

    /// Runs a statement; returns the rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize, DbError> {
        self.prepare(sql)?.execute(params)
    }

    /// The first row of a query through `f`; `Err(NoRows)` if there is none.
    pub fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<T, DbError>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T, DbError>,
    {
        self.prepare(sql)?.query_row(params, f)
    }

    /// A statement to run once or many times.
    pub fn prepare<'s>(&'s self, sql: &str) -> Result<Statement<'s, 'c>, DbError> {
        match &self.backend {
            Backend::Sqlite(conn) => Ok(Statement(StatementInner::Sqlite(conn.prepare_cached(sql)?))),
            Backend::Postgres(tx) => {
                let statement = tx.borrow_mut().statement(sql)?;
                Ok(Statement(StatementInner::Postgres { tx, statement }))
            }
        }
    }

    /// Same as `prepare` (both engines cache statements).
    pub fn prepare_cached<'s>(&'s self, sql: &str) -> Result<Statement<'s, 'c>, DbError> {
        self.prepare(sql)
    }
}

/// A prepared statement.
pub struct Statement<'s, 'c>(StatementInner<'s, 'c>);

enum StatementInner<'s, 'c> {
    /// SQLite's, from its statement cache.
    Sqlite(rusqlite::CachedStatement<'s>),
    /// PostgreSQL's, from the connection's cache, and the transaction it runs in.
    Postgres { tx: &'s RefCell<PgTransaction<'c>>, statement: postgres::Statement },
}

impl Statement<'_, '_> {
    /// Runs it; returns the rows it changed.
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize, DbError> {
        let values = params.values();
        match &mut self.0 {
            StatementInner::Sqlite(stmt) => Ok(stmt.execute(rusqlite::params_from_iter(values.iter()))?),
            StatementInner::Postgres { tx, statement } => tx.borrow_mut().execute(statement, &values),
        }
    }

    /// Every row through `f`.
    pub fn query_map<T, P, F>(&mut self, params: P, mut f: F) -> Result<std::vec::IntoIter<Result<T, DbError>>, DbError>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T, DbError>,
    {
        let values = params.values();
        let mut out = Vec::new();
        match &mut self.0 {
            StatementInner::Sqlite(stmt) => {
                let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
                while let Some(row) = rows.next()? {
                    out.push(f(&Row { inner: RowInner::Sqlite(row) }));
                }
            }
            StatementInner::Postgres { tx, statement } => {
                // Read every row before `f` runs: it may query the same transaction.
                let rows = tx.borrow_mut().query(statement, &values)?;
                for row in &rows {
                    out.push(f(&Row { inner: RowInner::Postgres(row) }));
                }
            }
        }
        Ok(out.into_iter())
    }

    /// Every row through `f`, which may fail with the caller's error type (and may query the
    /// same connection).
    pub fn query_and_then<T, E, P, F>(&mut self, params: P, mut f: F) -> Result<Vec<T>, E>
    where
        P: Params,
        E: From<DbError>,
        F: FnMut(&Row<'_>) -> Result<T, E>,
    {
        let values = params.values();
        let mut out = Vec::new();
        match &mut self.0 {
            StatementInner::Sqlite(stmt) => {
                let mut rows = stmt.query(rusqlite::params_from_iter(values.iter())).map_err(DbError::from)?;
                while let Some(row) = rows.next().map_err(DbError::from)? {
                    out.push(f(&Row { inner: RowInner::Sqlite(row) })?);
                }
            }
            StatementInner::Postgres { tx, statement } => {
                let rows = tx.borrow_mut().query(statement, &values)?;
                for row in &rows {
                    out.push(f(&Row { inner: RowInner::Postgres(row) })?);
                }
            }
        }
        Ok(out)
    }

    /// The first row through `f`; `Err(NoRows)` if there is none.
    pub fn query_row<T, P, F>(&mut self, params: P, f: F) -> Result<T, DbError>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T, DbError>,
    {
        let values = params.values();
        match &mut self.0 {
            StatementInner::Sqlite(stmt) => {
                let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
                match rows.next()? {
                    Some(row) => f(&Row { inner: RowInner::Sqlite(row) }),
                    None => Err(DbError::NoRows),
                }
            }
            StatementInner::Postgres { tx, statement } => {
                let rows = tx.borrow_mut().query(statement, &values)?;
                match rows.first() {
                    Some(row) => f(&Row { inner: RowInner::Postgres(row) }),
                    None => Err(DbError::NoRows),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_for_postgres_outside_quotes() {
        assert_eq!(postgres_sql("SELECT ?1, ?2, ?1"), "SELECT $1, $2, $1");
        assert_eq!(postgres_sql("a = ? AND b = ? LIMIT ?"), "a = $1 AND b = $2 LIMIT $3");
        assert_eq!(postgres_sql("x = ?3 AND y = ?"), "x = $3 AND y = $4");
        assert_eq!(postgres_sql("x = '?' AND y = ?1"), "x = '?' AND y = $1");
        assert_eq!(postgres_sql("x = 'it''s ?' AND y = ?"), "x = 'it''s ?' AND y = $1");
        assert_eq!(
            postgres_sql("SELECT 1 ORDER BY p.builtin DESC, p.name COLLATE NOCASE, s.at"),
            "SELECT 1 ORDER BY p.builtin DESC, lower(p.name) COLLATE \"C\", s.at"
        );
        assert_eq!(postgres_sql("ORDER BY name COLLATE BINARY"), "ORDER BY name COLLATE \"C\"");
    }

    #[test]
    fn values_convert_between_storage_classes() {
        assert_eq!(bool::from_sql(ValueRef::Integer(1)), Ok(true));
        assert_eq!(Option::<i64>::from_sql(ValueRef::Null), Ok(None));
        assert_eq!(u16::from_sql(ValueRef::Integer(70_000)).unwrap_err(), "70000 is out of range for u16");
        assert!(String::from_sql(ValueRef::Integer(1)).unwrap_err().contains("expected text"));
        let p = params![1_i64, "a", Some(true), None::<String>];
        assert_eq!(p.values(), [ValueRef::Integer(1), ValueRef::Text("a"), ValueRef::Integer(1), ValueRef::Null]);
    }
}
