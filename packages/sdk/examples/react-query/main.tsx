/** Mounts the front desk: logs in when the URL carries credentials, else resumes the stored session. */

import { createMediTrackClient, webStorageSession } from '@meditrack/sdk';
import { MediTrackProvider } from '@meditrack/sdk/react-query';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { FrontDesk } from './front-desk.js';

const params = new URLSearchParams(location.search);
const mt = createMediTrackClient({ url: location.origin, storage: webStorageSession('meditrack.session') });
const email = params.get('email');
if (email) await mt.login({ email, password: params.get('password') ?? '' });

const queryClient = new QueryClient();
const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <QueryClientProvider client={queryClient}>
    <MediTrackProvider trpcClient={mt} queryClient={queryClient}>
      <FrontDesk
        doctorId={params.get('doctorId') ?? ''}
        patientId={params.get('patientId') ?? ''}
        day={params.get('day') ?? ''}
      />
    </MediTrackProvider>
  </QueryClientProvider>,
);
