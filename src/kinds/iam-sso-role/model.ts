// The IamSsoRole body after defaults (maxSessionDuration text → seconds).

export interface IamPolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean | number>>;
}

export interface IamPolicyDocument {
  Version: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: IamPolicyStatement[];
}

export interface IamSsoRoleSpec {
  /** OktaGroup spec name whose members may assume the role. */
  oktaGroup: string;
  managedPolicyArns: string[];
  inlinePolicy?: IamPolicyDocument;
  /** Seconds, 3600–43200. */
  maxSessionDurationSeconds: number;
}
