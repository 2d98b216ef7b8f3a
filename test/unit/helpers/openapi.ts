// Validation against the OpenAPI contract in ../shared/spec (OpenAPI 3.1, so JSON Schema 2020-12 and Ajv's 2020
// build). Responses are validated against #/components/schemas/*; requests' query strings against the parameter
// schemas of an operation, after reading each value the way a form-style query serialiser writes it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const CONTRACT_ID = 'elevenlabs-usage.openapi.json';

/** The repository root: the nearest directory upwards that holds package.json (works from src and from out). */
export function findRepoRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`No package.json above ${from}`);
    }
  }
}

export const CONTRACT_PATH = path.join(findRepoRoot(), '..', 'shared', 'spec', CONTRACT_ID);

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
}

interface Contract {
  readonly paths: Record<string, Record<string, { readonly parameters?: readonly Parameter[] }>>;
  readonly components: { readonly schemas: Record<string, unknown> };
}

export const contract: Contract = JSON.parse(fs.readFileSync(CONTRACT_PATH, 'utf8')) as Contract;

// strict: false because an OpenAPI document carries keywords JSON Schema does not know (example, x-fern-...).
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(contract as object, CONTRACT_ID);

const compiled = new Map<string, ValidateFunction>();

/** A validator for the schema at this JSON pointer of the contract, e.g. "/components/schemas/Price". */
function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${CONTRACT_ID}#${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
}

/** Problems of `value` against #/components/schemas/<name>; empty when it conforms. */
export function schemaProblems(name: string, value: unknown): string[] {
  if (!(name in contract.components.schemas)) {
    throw new Error(`The contract has no schema ${name}`);
  }
  const validate = validatorAt(`/components/schemas/${name}`);
  return validate(value) ? [] : describeErrors(validate);
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * How a form-style query serialiser can have written a primitive: as itself (a string), as a canonical integer,
 * or as true/false. The value conforms if one reading validates.
 */
function readings(raw: string): unknown[] {
  const values: unknown[] = [raw];
  if (/^-?(0|[1-9]\d*)$/.test(raw)) {
    values.push(Number(raw));
  }
  if (raw === 'true' || raw === 'false') {
    values.push(raw === 'true');
  }
  return values;
}

/**
 * Problems of a request's query string against the operation's query parameters: required ones missing,
 * parameters the operation does not have, repeated parameters, and values that fit no reading of the schema.
 */
export function queryProblems(pathName: string, method: string, query: URLSearchParams): string[] {
  const operation = contract.paths[pathName]?.[method.toLowerCase()];
  if (!operation) {
    throw new Error(`The contract has no operation ${method} ${pathName}`);
  }
  const problems: string[] = [];
  const parameters = operation.parameters ?? [];
  const declared = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of new Set(query.keys())) {
    if (!declared.has(name)) {
      problems.push(`${name}: not a query parameter of ${method} ${pathName}`);
    } else if (query.getAll(name).length > 1) {
      problems.push(`${name}: sent ${query.getAll(name).length} times`);
    }
  }
  parameters.forEach((parameter, index) => {
    if (parameter.in !== 'query') {
      return;
    }
    const raw = query.get(parameter.name);
    if (raw === null) {
      if (parameter.required) {
        problems.push(`${parameter.name}: required but missing`);
      }
      return;
    }
    const validate = validatorAt(`/paths/${escapePointer(pathName)}/${method.toLowerCase()}/parameters/${index}/schema`);
    if (!readings(raw).some((value) => validate(value))) {
      problems.push(`${parameter.name}=${JSON.stringify(raw)}: ${describeErrors(validate).join('; ')}`);
    }
  });
  return problems;
}
