/**
 * TanStack Query for the MediTrack API, as tRPC's own integration (`@trpc/tanstack-react-query`)
 * bound to the API's router: query and mutation options with typed inputs, outputs and keys.
 *
 * ```tsx
 * const queryClient = new QueryClient();
 * const mt = createMediTrackClient({ url, storage: webStorageSession() });
 * <QueryClientProvider client={queryClient}>
 *   <MediTrackProvider trpcClient={mt} queryClient={queryClient}><App /></MediTrackProvider>
 * </QueryClientProvider>
 *
 * const api = useMediTrack();
 * const patients = useQuery(api.patients.list.queryOptions({ name }));
 * const book = useMutation(api.appointments.book.mutationOptions({
 *   onSuccess: () => queryClient.invalidateQueries({ queryKey: api.doctors.availability.pathKey() }),
 * }));
 * ```
 */
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from './router.js';

const context = createTRPCContext<AppRouter>();

/** Puts a MediTrack client (`createMediTrackClient`) and a QueryClient in reach of `useMediTrack`. */
export const MediTrackProvider = context.TRPCProvider;
/** Query and mutation options, keys and filters for every procedure. */
export const useMediTrack = context.useTRPC;
/** The MediTrack client given to the provider, for imperative calls. */
export const useMediTrackClient = context.useTRPCClient;
