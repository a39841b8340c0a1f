import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The documents' JSON "database" of tickets: one file that every buyer process reads and
 * writes, with no locking of its own. Reads and writes are whole-file, as json.load/json.dump
 * on an open() are, so two buyers interleaving read-decrement-write lose updates.
 */

export function createTicketDb(field: string, count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conform-tickets-'));
  const file = path.join(dir, 'db.json');
  fs.writeFileSync(file, JSON.stringify({ [field]: count }));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return file;
}

export function readTickets(file: string, field: string): number {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>)[field];
}

export function writeTickets(file: string, field: string, count: number): void {
  fs.writeFileSync(file, JSON.stringify({ [field]: count }));
}
