// One person to onboard → an OktaUser spec draft (pure), for `/infra onboard`, its CSV form and `infra-bot import`.
import { DNS_LABEL } from '../../commands/arguments.js';
import { draftSpec, type DraftResult, type Fields } from './spec-fields.js';

export interface Person {
  email: string;
  firstName: string;
  lastName: string;
  groups: string[];
  /** The spec name when given; otherwise derived from the email. */
  specName?: string;
  /** Other spec or metadata fields (`title`, `department`, `owner`, `customAttributes.x`…). */
  fields: Fields;
}

/** `bruce.lee@demoac.com` → `bruce-lee`; falls back to first and last name when the address gives no DNS label. */
export function specNameFor(person: Pick<Person, 'email' | 'firstName' | 'lastName'>): string | undefined {
  const label = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '') // accents, split off by NFKD
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, 63)
      .replace(/-+$/, '');
  const fromEmail = label(person.email.split('@')[0] ?? '');
  if (DNS_LABEL.test(fromEmail)) return fromEmail;
  const fromName = label(`${person.firstName} ${person.lastName}`);
  return DNS_LABEL.test(fromName) ? fromName : undefined;
}

/** The draft for one person; `owner` (who asked, `@login`) unless the fields name one. */
export function onboardDraft(person: Person, owner: string | undefined): DraftResult & { name?: string } {
  const name = person.specName ?? specNameFor(person);
  if (name === undefined) {
    return { ok: false, problems: ['no spec name can be made from the email or the name: give `name=…`'] };
  }
  const result = draftSpec('OktaUser', person.fields, {
    metadata: owner === undefined ? {} : { owner },
    spec: {
      email: person.email,
      firstName: person.firstName,
      lastName: person.lastName,
      ...(person.groups.length > 0 && { groups: person.groups }),
    },
  });
  return { ...result, name };
}
