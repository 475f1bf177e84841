import type { Db } from '../../../server/src/db/db';

/** Every row of every table in the server's schema as text, for canary scans of what the server stores. */
export async function dumpTables(db: Db): Promise<string> {
  const tables = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
  let out = '';
  for (const { table_name } of tables) {
    const rows = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`);
    out += `-- ${table_name}\n${rows.map((r) => r.row).join('\n')}\n`;
  }
  return out;
}
