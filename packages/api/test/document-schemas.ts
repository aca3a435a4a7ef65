/**
 * Validators for the answers the OpenAPI document promises: ajv (JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1) over the served document, built once per test process.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../src/rest/openapi.js';

let ajv: Ajv2020 | undefined;

function documentAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
    // ajv-formats is typed against ajv's default class; the 2020 class takes the same plugin.
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    ajv.addSchema(openApiDocument() as object, 'openapi');
  }
  return ajv;
}

function validatorAt(...parts: string[]): ValidateFunction {
  const ref = `openapi#/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
  const instance = documentAjv();
  return instance.getSchema(ref) ?? instance.compile({ $ref: ref });
}

/** The schema of an operation's JSON answer with `status` (`path` as in the document, `method` lower case). */
export const answerValidator = (path: string, method: string, status: number | string) =>
  validatorAt('paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema');

/** A named component's schema (`Error`). */
export const componentValidator = (name: string) => validatorAt('components', 'schemas', name);

/** ajv's account of why the last validation failed. */
export const validationErrors = (validate: ValidateFunction) => documentAjv().errorsText(validate.errors);
