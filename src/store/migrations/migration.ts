/** One step of the schema. Versions only ever grow; a released migration is never edited, only followed. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
