// The core's Db on native DuckDB (@duckdb/node-api): for the command line tool, the native
// benchmarks and the Node tests. Results are converted to Arrow with the same conventions as
// the browser engine (BIGINT and DECIMAL as doubles, timestamps as Date64 milliseconds).
import {
	DuckDBInstance,
	DuckDBTypeId,
	type DuckDBConnection,
	type DuckDBType
} from '@duckdb/node-api';
import {
	Bool,
	DateDay,
	DateMillisecond,
	Float64,
	Int32,
	Table,
	Utf8,
	vectorFromArray,
	type DataType,
	type Vector
} from 'apache-arrow';
import type { Db } from '../lib/core/db';
import { spareMemorySetting } from '../lib/core/identity/spare-memory';
import type { Sql } from '../lib/core/sql/sql';

type ArrowKind = { type: DataType; convert: (value: unknown) => unknown };

const asNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const asDate = (v: unknown) =>
	v instanceof Date ? v : v === null || v === undefined ? null : new Date(String(v));
const asText = (v: unknown) => (v === null || v === undefined ? null : String(v));

function arrowKind(type: DuckDBType): ArrowKind {
	switch (type.typeId) {
		case DuckDBTypeId.BOOLEAN:
			return {
				type: new Bool(),
				convert: (v) => (v === null || v === undefined ? null : Boolean(v))
			};
		case DuckDBTypeId.TINYINT:
		case DuckDBTypeId.SMALLINT:
		case DuckDBTypeId.INTEGER:
		case DuckDBTypeId.UTINYINT:
		case DuckDBTypeId.USMALLINT:
			return { type: new Int32(), convert: asNumber };
		case DuckDBTypeId.UINTEGER:
		case DuckDBTypeId.BIGINT:
		case DuckDBTypeId.UBIGINT:
		case DuckDBTypeId.HUGEINT:
		case DuckDBTypeId.UHUGEINT:
		case DuckDBTypeId.FLOAT:
		case DuckDBTypeId.DOUBLE:
		case DuckDBTypeId.DECIMAL:
			return { type: new Float64(), convert: asNumber };
		case DuckDBTypeId.DATE:
			return { type: new DateDay(), convert: asDate };
		case DuckDBTypeId.TIMESTAMP:
		case DuckDBTypeId.TIMESTAMP_S:
		case DuckDBTypeId.TIMESTAMP_MS:
		case DuckDBTypeId.TIMESTAMP_NS:
		case DuckDBTypeId.TIMESTAMP_TZ:
			return { type: new DateMillisecond(), convert: asDate };
		default:
			return { type: new Utf8(), convert: asText };
	}
}

export class NativeDb implements Db {
	private constructor(
		readonly instance: DuckDBInstance,
		private readonly connection: DuckDBConnection
	) {}

	/**
	 * Opens a database (in memory by default) with the given DuckDB settings. A native host has
	 * memory to spare, and says so (see spare-memory).
	 */
	static async open(path = ':memory:', settings: Record<string, string> = {}): Promise<NativeDb> {
		const instance = await DuckDBInstance.create(path, settings);
		const db = new NativeDb(instance, await instance.connect());
		await db.exec(spareMemorySetting());
		return db;
	}

	async exec(statement: Sql): Promise<void> {
		await this.connection.run(statement.text);
	}

	async query(statement: Sql): Promise<Table> {
		const reader = await this.connection.runAndReadAll(statement.text);
		const names = reader.columnNames();
		const types = reader.columnTypes();
		const columns = reader.getColumnsJS();
		const vectors: Record<string, Vector> = {};
		names.forEach((name, i) => {
			const kind = arrowKind(types[i] as DuckDBType);
			const values = (columns[i] ?? []).map(kind.convert);
			vectors[name] = vectorFromArray(values, kind.type);
		});
		return new Table(vectors);
	}

	/** Stops the running query, if any (used for cancellation). */
	interrupt(): void {
		this.connection.interrupt();
	}

	close(): void {
		this.connection.closeSync();
		this.instance.closeSync();
	}
}
