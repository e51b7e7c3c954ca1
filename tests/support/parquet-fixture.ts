// A Parquet export written by native DuckDB, as a file a user would bring: 3,000 orders of 50
// customers, compressed with the codec asked for (the browser reads it with hyparquet).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NativeDb } from '../../src/cli/native-db';
import { sql, trusted } from '../../src/lib/core/sql/sql';

export async function parquetExport(compression = 'snappy'): Promise<Buffer> {
	const dir = mkdtempSync(join(tmpdir(), 'concord-e2e-parquet-'));
	const path = join(dir, 'orders.parquet');
	const db = await NativeDb.open(':memory:', { threads: '1' });
	await db.exec(sql`COPY (SELECT 'O' || i AS order_id, 'c' || (i % 50) || '@example.com' AS email,
		TIMESTAMP '2024-01-01 10:00:00' + INTERVAL (i) HOUR AS ordered_at,
		(10 + i % 90)::DECIMAL(8,2) AS amount FROM range(3000) t(i))
		TO ${path} (FORMAT parquet, COMPRESSION ${trusted(compression)})`);
	db.close();
	const bytes = readFileSync(path);
	rmSync(dir, { recursive: true, force: true });
	return bytes;
}
