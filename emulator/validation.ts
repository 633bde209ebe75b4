import { ApiError, serializationError } from './errors';
import { SHIPMENT_STATES, SHIPPING_OPTIONS } from './model';

/**
 * Input constraints from the service model, checked the way Coral checks them: every violation is listed
 * in one ValidationException, members named in lowerCamelCase.
 */
interface MemberRule {
  name: string;
  type: 'string' | 'integer';
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  /** The model's pattern text (quoted in the message) and its anchored form. */
  pattern?: { text: string; re: RegExp };
  enum?: readonly string[];
}

const ID_BODY = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const idPattern = (prefix: string): { text: string; re: RegExp } => ({
  text: `${prefix}${ID_BODY}`,
  re: new RegExp(`^${prefix}${ID_BODY}$`),
});

const JOB_ID: MemberRule = {
  name: 'JobId',
  type: 'string',
  required: true,
  minLength: 39,
  maxLength: 39,
  pattern: idPattern('(M|J)ID'),
};
const CLUSTER_ID: MemberRule = {
  name: 'ClusterId',
  type: 'string',
  required: true,
  minLength: 39,
  maxLength: 39,
  pattern: idPattern('CID'),
};
const ADDRESS_ID: MemberRule = {
  name: 'AddressId',
  type: 'string',
  required: true,
  minLength: 40,
  maxLength: 40,
  pattern: idPattern('ADID'),
};
const MAX_RESULTS: MemberRule = { name: 'MaxResults', type: 'integer', min: 0, max: 100 };
const NEXT_TOKEN: MemberRule = { name: 'NextToken', type: 'string', minLength: 1, maxLength: 1024 };

export const INPUT_RULES: Readonly<Record<string, readonly MemberRule[]>> = {
  ListJobs: [MAX_RESULTS, NEXT_TOKEN],
  ListClusters: [MAX_RESULTS, NEXT_TOKEN],
  ListClusterJobs: [CLUSTER_ID, MAX_RESULTS, NEXT_TOKEN],
  DescribeJob: [JOB_ID],
  DescribeCluster: [CLUSTER_ID],
  DescribeAddress: [ADDRESS_ID],
  GetJobManifest: [JOB_ID],
  GetJobUnlockCode: [JOB_ID],
  GetSoftwareUpdates: [JOB_ID],
  UpdateJobShipmentState: [
    JOB_ID,
    { name: 'ShipmentState', type: 'string', required: true, enum: SHIPMENT_STATES },
  ],
  CreateReturnShippingLabel: [JOB_ID, { name: 'ShippingOption', type: 'string', enum: SHIPPING_OPTIONS }],
  DescribeReturnShippingLabel: [JOB_ID],
  GetSnowballUsage: [],
};

const lowerCamel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (value instanceof Date) return 'TIMESTAMP';
  if (value instanceof Uint8Array) return 'BLOB';
  switch (typeof value) {
    case 'string':
      return 'STRING_VALUE';
    case 'number':
      return 'NUMBER_VALUE';
    case 'boolean':
      return 'BOOLEAN_VALUE';
    case 'object':
      return 'START_OBJECT';
    default:
      return 'VALUE';
  }
}

/** Validates `input` for `operation`; returns it unchanged (typed loosely) or throws. */
export function validateInput(operation: string, input: Record<string, unknown>): Record<string, unknown> {
  const rules = INPUT_RULES[operation] ?? [];
  const errors: string[] = [];
  for (const rule of rules) {
    const value = input[rule.name];
    const at = lowerCamel(rule.name);
    if (value === undefined || value === null) {
      if (rule.required)
        errors.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (rule.type === 'integer') {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw serializationError(`${jsonKind(value)} can not be converted to an Integer`);
      }
      if (rule.min !== undefined && value < rule.min) {
        errors.push(
          `Value '${value}' at '${at}' failed to satisfy constraint: Member must have value greater than or equal to ${rule.min}`,
        );
      }
      if (rule.max !== undefined && value > rule.max) {
        errors.push(
          `Value '${value}' at '${at}' failed to satisfy constraint: Member must have value less than or equal to ${rule.max}`,
        );
      }
      continue;
    }
    if (typeof value !== 'string')
      throw serializationError(`${jsonKind(value)} can not be converted to a String`);
    const prefix = `Value '${value}' at '${at}' failed to satisfy constraint: Member must`;
    if (rule.enum && !rule.enum.includes(value)) {
      errors.push(`${prefix} satisfy enum value set: [${rule.enum.join(', ')}]`);
    }
    if (rule.pattern && !rule.pattern.re.test(value)) {
      errors.push(`${prefix} satisfy regular expression pattern: ${rule.pattern.text}`);
    }
    if (rule.minLength !== undefined && value.length < rule.minLength) {
      errors.push(`${prefix} have length greater than or equal to ${rule.minLength}`);
    }
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      errors.push(`${prefix} have length less than or equal to ${rule.maxLength}`);
    }
  }
  if (errors.length > 0) {
    const n = errors.length;
    throw new ApiError(
      'ValidationException',
      `${n} validation error${n === 1 ? '' : 's'} detected: ${errors.join('; ')}`,
      400,
      'validate',
    );
  }
  return input;
}
