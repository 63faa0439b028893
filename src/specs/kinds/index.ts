import type { z } from 'zod';
import { kindRegistry } from '../../kinds/index.js';
import type { KIND_DEFINITIONS } from '../../kinds/index.js';
import type { Kind } from '../model.js';
import type { API_VERSION, metadataSchema } from './common.js';

/** The body schema (`spec:`) of each kind, from its definition in src/kinds/. */
export type SpecBodySchemas = { [K in Kind]: (typeof KIND_DEFINITIONS)[K]['schema'] };

export const specBodySchemaFor = <K extends Kind>(kind: K): SpecBodySchemas[K] =>
  kindRegistry.definition(kind).schema as SpecBodySchemas[K];

/** The whole document for one kind: envelope + body (built once per kind: zod compiles schemas on first use). */
export const documentSchemaFor = (kind: Kind): z.ZodType => kindRegistry.documentSchema(kind);

export interface SpecDocument<K extends Kind> {
  apiVersion: typeof API_VERSION;
  kind: K;
  metadata: z.output<typeof metadataSchema>;
  spec: z.output<SpecBodySchemas[K]>;
}
