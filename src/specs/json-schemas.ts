import { z } from 'zod';
import { repoConfigSchema } from '../config/repo-config-schema.js';
import { documentSchemaFor } from './kinds/index.js';
import { KINDS } from '../kinds/index.js';

const BASE_ID = 'https://infra-bot.dev/schemas';

/** JSON Schemas for editors (yaml-language-server), generated from the zod schemas so they never drift. */
export function buildJsonSchemas(): Record<string, object> {
  const spec = z.toJSONSchema(z.union(KINDS.map((kind) => documentSchemaFor(kind))), {
    io: 'input',
    target: 'draft-2020-12',
  });
  const config = z.toJSONSchema(repoConfigSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    'infra-spec.schema.json': {
      ...spec,
      $id: `${BASE_ID}/infra-spec.schema.json`,
      title: 'infra-bot intent spec',
      description: 'One infra-bot intent spec (infra-specs/**/*.yaml): apiVersion, kind, metadata, spec.',
    },
    'infra-config.schema.json': {
      ...config,
      $id: `${BASE_ID}/infra-config.schema.json`,
      title: 'infra-bot repo config',
      description: 'The repo config, .github/infra.yml.',
    },
  };
}
