import { z } from 'zod';

export const oktaGroupSchema = z.strictObject({
  displayName: z
    .string({ error: 'spec.displayName must be a string' })
    .min(1)
    .max(255)
    .optional()
    .describe('Group name shown in Okta; defaults to metadata.name.'),
  description: z
    .string({ error: 'spec.description must be a string' })
    .max(1024)
    .optional()
    .describe('What the group is for.'),
});
