// What a frontend that only uses the client pulls into its bundle (the built SDK, as published).
import { createMediTrackClient, toMediTrackError } from '../../dist/index.js';

const client = createMediTrackClient({ url: globalThis.location?.origin ?? '' });
export async function patients() {
  try {
    return await client.patients.list.query({ limit: 10 });
  } catch (error) {
    return toMediTrackError(error);
  }
}
