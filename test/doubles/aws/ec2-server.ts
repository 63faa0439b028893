// A local EC2 Query API (DescribeInstances) on 127.0.0.1: tag and state filters, MaxResults + NextToken pagination,
// EC2-shaped errors (`<Response><Errors>…`) for faults, e.g. RequestLimitExceeded (503) for throttling.
import { startQueryServer, xmlEscape, type QueryReply, type QueryRequest, type QueryServer } from './query-server.js';

export interface Ec2DoubleInstance {
  instanceId: string;
  state: string;
  instanceType: string;
  imageId: string;
  availabilityZone: string;
  launchTime: string;
  tags: Record<string, string>;
}

export interface Ec2Double extends QueryServer {
  instances: Ec2DoubleInstance[];
  addInstance(instance: Partial<Ec2DoubleInstance>): Ec2DoubleInstance;
}

const STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

const error = (status: number, code: string, message: string): QueryReply => ({
  status,
  xml: `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error></Errors><RequestID>double-request</RequestID></Response>`,
});

type Filter = { name: string; values: string[] };

function filtersOf(params: URLSearchParams): Filter[] {
  const filters: Filter[] = [];
  for (let n = 1; params.has(`Filter.${n}.Name`); n += 1) {
    const values: string[] = [];
    for (let m = 1; params.has(`Filter.${n}.Value.${m}`); m += 1) values.push(params.get(`Filter.${n}.Value.${m}`)!);
    filters.push({ name: params.get(`Filter.${n}.Name`)!, values });
  }
  return filters;
}

function matches(instance: Ec2DoubleInstance, filter: Filter): boolean | undefined {
  if (filter.name.startsWith('tag:')) {
    const value = instance.tags[filter.name.slice(4)];
    return value !== undefined && filter.values.includes(value);
  }
  if (filter.name === 'tag-key') return filter.values.some((key) => key in instance.tags);
  if (filter.name === 'instance-state-name') return filter.values.includes(instance.state);
  if (filter.name === 'instance-type') return filter.values.includes(instance.instanceType);
  return undefined;
}

function describeInstances(instances: Ec2DoubleInstance[], { params }: QueryRequest): QueryReply {
  const filters = filtersOf(params);
  let selected = instances;
  for (const filter of filters) {
    if (matches(instances[0] ?? ({ tags: {} } as Ec2DoubleInstance), filter) === undefined) {
      return error(400, 'InvalidParameterValue', `The filter '${filter.name}' is invalid`);
    }
    selected = selected.filter((i) => matches(i, filter));
  }
  const max = params.has('MaxResults') ? Number(params.get('MaxResults')) : Infinity;
  if (params.has('MaxResults') && !(Number.isInteger(max) && max >= 5 && max <= 1000)) {
    return error(400, 'InvalidParameterValue', 'Value for parameter maxResults is invalid. Expecting a value 5-1000.');
  }
  const token = params.get('NextToken');
  const start = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) return error(400, 'InvalidNextToken', 'The token is invalid');
  const page = selected.slice(start, start + max);
  const next =
    start + page.length < selected.length ? Buffer.from(String(start + page.length)).toString('base64url') : '';
  const items = page.map(
    (i) => `<item><reservationId>r-${i.instanceId.slice(2)}</reservationId><ownerId>123456789012</ownerId><groupSet/>
<instancesSet><item><instanceId>${i.instanceId}</instanceId><imageId>${i.imageId}</imageId>
<instanceState><code>${STATE_CODES[i.state] ?? 16}</code><name>${i.state}</name></instanceState>
<instanceType>${xmlEscape(i.instanceType)}</instanceType><launchTime>${i.launchTime}</launchTime>
<placement><availabilityZone>${i.availabilityZone}</availabilityZone><tenancy>default</tenancy></placement>
<tagSet>${Object.entries(i.tags)
      .map(([k, v]) => `<item><key>${xmlEscape(k)}</key><value>${xmlEscape(v)}</value></item>`)
      .join('')}</tagSet></item></instancesSet></item>`,
  );
  return {
    status: 200,
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>double-request</requestId>
<reservationSet>${items.join('')}</reservationSet>${next ? `<nextToken>${next}</nextToken>` : ''}</DescribeInstancesResponse>`,
  };
}

export async function startEc2Double(): Promise<Ec2Double> {
  const instances: Ec2DoubleInstance[] = [];
  const server = await startQueryServer({
    handle: (request) =>
      request.action === 'DescribeInstances'
        ? describeInstances(instances, request)
        : error(400, 'InvalidAction', `The action ${request.action} is not valid for this web service.`),
    faultReply: (fault) =>
      fault === 'throttle'
        ? error(503, 'RequestLimitExceeded', 'Request limit exceeded.')
        : fault === 'unavailable'
          ? error(503, 'Unavailable', 'The server is overloaded and cannot handle the request.')
          : error(500, 'InternalError', 'An internal error has occurred.'),
  });
  return Object.assign(server, {
    instances,
    addInstance(partial: Partial<Ec2DoubleInstance>): Ec2DoubleInstance {
      const instance: Ec2DoubleInstance = {
        instanceId: `i-${(instances.length + 1).toString(16).padStart(17, '0')}`,
        state: 'running',
        instanceType: 't3.micro',
        imageId: 'ami-0123456789abcdef0',
        availabilityZone: 'us-east-1a',
        launchTime: '2030-01-01T00:00:00.000Z',
        tags: {},
        ...partial,
      };
      instances.push(instance);
      return instance;
    },
  });
}
