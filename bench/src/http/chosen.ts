/**
 * The development tools' operation argument (profile, compare-builds), resolved against a running
 * API: a GET route's path as the OpenAPI document names it (`/departments/{id}`), a read path's
 * index, or a part of a write's name. Writes start from the seeded state; a write that changes a
 * record gets its own prepared records (`prepareWriteTargets`): `prepared` says how many, which
 * bounds the requests that can be made.
 */
import { type Dataset, prepareWriteTargets, resetWrites } from '../dataset.js';
import { login } from './load.js';
import { changeOperations, chooseOperation, loadSamples, type Operation } from './paths.js';
import { routeOperation } from './routes.js';

export async function chosenOperation(
  chosen: string,
  dataset: Dataset,
  apiUrl: string,
  requests: number,
): Promise<{ operation: Operation; prepared?: number }> {
  if (chosen.startsWith('/')) return { operation: await routeOperation(apiUrl, dataset, chosen) };
  const choice = chooseOperation(dataset, await loadSamples(dataset), chosen);
  if ('operation' in choice) {
    if (choice.write) await resetWrites(dataset);
    return { operation: choice.operation };
  }
  await resetWrites(dataset);
  const targets = await prepareWriteTargets(dataset, requests);
  const doctorToken = await login(apiUrl, targets.completingDoctorEmail, dataset.adminPassword);
  const operation = changeOperations(targets, doctorToken).find((o) => o.name === choice.change);
  if (!operation) throw new Error(`no operation ${choice.change}`);
  return { operation, prepared: requests };
}
