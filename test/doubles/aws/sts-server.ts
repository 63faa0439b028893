// A local STS Query API on 127.0.0.1: GetCallerIdentity and AssumeRole (as the plan runner's test double does),
// STS-shaped errors (`<ErrorResponse>`) for faults, e.g. Throttling (400) for throttling.
import { startQueryServer, xmlEscape, type QueryReply, type QueryServer } from './query-server.js';

export interface StsIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface StsDouble extends QueryServer {
  identity: StsIdentity;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

const error = (status: number, type: 'Sender' | 'Receiver', code: string, message: string): QueryReply => ({
  status,
  xml: `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>double-request</RequestId></ErrorResponse>`,
});

export async function startStsDouble(identity: Partial<StsIdentity> = {}): Promise<StsDouble> {
  const who: StsIdentity = {
    account: '123456789012',
    arn: 'arn:aws:sts::123456789012:assumed-role/infra-bot-app/i-0abc',
    userId: 'AROAEXAMPLEAPP:i-0abc',
    ...identity,
  };
  const server = await startQueryServer({
    handle({ action, params }) {
      if (action === 'GetCallerIdentity') {
        return {
          status: 200,
          xml: `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${xmlEscape(who.arn)}</Arn>
<UserId>${xmlEscape(who.userId)}</UserId><Account>${who.account}</Account></GetCallerIdentityResult>
<ResponseMetadata><RequestId>double-request</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        };
      }
      if (action === 'AssumeRole') {
        const session = params.get('RoleSessionName') ?? 'session';
        const role = (params.get('RoleArn') ?? '').split('/').pop();
        const expiration = new Date(Date.now() + Number(params.get('DurationSeconds') ?? 3600) * 1000).toISOString();
        return {
          status: 200,
          xml: `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><AssumedRoleUser>
<Arn>arn:aws:sts::${who.account}:assumed-role/${xmlEscape(role ?? '')}/${xmlEscape(session)}</Arn>
<AssumedRoleId>AROAEXAMPLE:${xmlEscape(session)}</AssumedRoleId></AssumedRoleUser><Credentials>
<AccessKeyId>ASIADOUBLEKEY</AccessKeyId><SecretAccessKey>double-secret-access-key</SecretAccessKey>
<SessionToken>double-session-token</SessionToken><Expiration>${expiration}</Expiration></Credentials>
</AssumeRoleResult><ResponseMetadata><RequestId>double-request</RequestId></ResponseMetadata></AssumeRoleResponse>`,
        };
      }
      return error(400, 'Sender', 'InvalidAction', `Could not find operation ${action}`);
    },
    faultReply: (fault) =>
      fault === 'throttle'
        ? error(400, 'Sender', 'Throttling', 'Rate exceeded')
        : fault === 'unavailable'
          ? error(503, 'Receiver', 'ServiceUnavailable', 'Service is unable to handle request.')
          : error(500, 'Receiver', 'InternalFailure', 'An internal error occurred.'),
  });
  return Object.assign(server, { identity: who });
}
