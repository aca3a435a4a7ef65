// A tiny frontend page: logs in with the SDK and lists patients into the DOM.
import { createMediTrackClient, toMediTrackError } from '../../dist/index.js';

const out = document.getElementById('out') as HTMLElement;
const params = new URLSearchParams(location.search);
const mt = createMediTrackClient({ url: location.origin });
try {
  await mt.login({ email: params.get('email') ?? '', password: params.get('password') ?? '' });
  const page = await mt.patients.list.query({ limit: 10, sort: 'name' });
  out.textContent = JSON.stringify({
    total: page.total,
    names: page.items.map((p) => p.name),
    datesAreDates: page.items.every((p) => p.createdAt instanceof Date),
  });
} catch (error) {
  out.textContent = `ERROR ${JSON.stringify(toMediTrackError(error))}`;
}
out.dataset.done = 'true';
