import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * Reads `NNNN_name.sql` files in version order. Numbering must start at 1 and
 * have no gaps: a gap means a migration was lost in a merge, and applying
 * around it would leave databases that differ by history.
 */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".sql")).sort();
  const files: MigrationFile[] = [];
  for (const [index, fileName] of names.entries()) {
    const match = FILE_NAME.exec(fileName);
    if (!match?.[1] || !match[2]) {
      throw new Error(`Migration ${fileName} is not named NNNN_snake_case.sql; rename it.`);
    }
    const version = Number(match[1]);
    if (version !== index + 1) {
      throw new Error(
        `Migration ${fileName} should be number ${String(index + 1).padStart(4, "0")}: migrations are numbered without gaps.`,
      );
    }
    const sql = await readFile(join(dir, fileName), "utf8");
    files.push({ version, name: match[2], sql, checksum: sha256(sql) });
  }
  return files;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
