import { ApiError } from '../errors';
import type { ServiceModel, Shape } from './model';
import { shapeOf } from './model';

/**
 * The model's constraints (required, length, range, pattern, enum), checked the way AWS's front end
 * (Coral) checks them: every violation in one ValidationException, members named in lowerCamelCase with
 * dotted paths (`resources.s3Resources.1.member.bucketArn`), values of sensitive shapes not repeated.
 * Patterns are ECMAScript and not anchored, as Smithy's pattern trait defines them.
 */
const lowerCamel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

const patterns = new Map<string, RegExp>();
function patternOf(text: string): RegExp {
  let re = patterns.get(text);
  if (!re) {
    re = new RegExp(text);
    patterns.set(text, re);
  }
  return re;
}

function display(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(display).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') return '{…}';
  return String(value);
}

function check(model: ServiceModel, shape: Shape, value: unknown, at: string, errors: string[]): void {
  const head = shape.sensitive ? `Value at '${at}'` : `Value '${display(value)}' at '${at}'`;
  const violation = (rule: string): void => {
    errors.push(`${head} failed to satisfy constraint: Member must ${rule}`);
  };
  switch (shape.type) {
    case 'structure': {
      const src = value as Record<string, unknown>;
      const required = new Set(shape.required ?? []);
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const path = at ? `${at}.${lowerCamel(name)}` : lowerCamel(name);
        const v = src[name];
        if (v === undefined || v === null) {
          if (required.has(name))
            errors.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
          continue;
        }
        check(model, shapeOf(model, ref.shape), v, path, errors);
      }
      return;
    }
    case 'list': {
      const items = value as unknown[];
      if (shape.min !== undefined && items.length < shape.min)
        violation(`have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && items.length > shape.max)
        violation(`have length less than or equal to ${shape.max}`);
      const member = shapeOf(model, shape.member?.shape ?? '');
      items.forEach((item, i) => {
        if (item !== null && item !== undefined) check(model, member, item, `${at}.${i + 1}.member`, errors);
      });
      return;
    }
    case 'map': {
      const valueShape = shapeOf(model, shape.value?.shape ?? '');
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== null && v !== undefined) check(model, valueShape, v, `${at}.${k}`, errors);
      }
      return;
    }
    case 'string': {
      const s = value as string;
      if (shape.enum && !shape.enum.includes(s))
        violation(`satisfy enum value set: [${shape.enum.join(', ')}]`);
      if (shape.pattern && !patternOf(shape.pattern).test(s))
        violation(`satisfy regular expression pattern: ${shape.pattern}`);
      if (shape.min !== undefined && s.length < shape.min)
        violation(`have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && s.length > shape.max)
        violation(`have length less than or equal to ${shape.max}`);
      return;
    }
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const n = value as number;
      if (shape.min !== undefined && n < shape.min)
        violation(`have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && n > shape.max)
        violation(`have value less than or equal to ${shape.max}`);
      return;
    }
    default:
      return;
  }
}

/** Throws one ValidationException listing every violation of `input` against `shapeName`; else returns it. */
export function validateInput<T>(model: ServiceModel, shapeName: string, input: T): T {
  const errors: string[] = [];
  check(model, shapeOf(model, shapeName), input, '', errors);
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
