/**
 * A front desk screen on TanStack Query: patients, a doctor's free slots, and booking the first
 * one, after which the slots are invalidated and fetched again. The SDK's React example, run in
 * Chromium by test/react-query.test.ts.
 */

import { toMediTrackError } from '@meditrack/sdk';
import { useMediTrack } from '@meditrack/sdk/react-query';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export interface FrontDeskProps {
  doctorId: string;
  patientId: string;
  /** `YYYY-MM-DD` */
  day: string;
}

export function FrontDesk({ doctorId, patientId, day }: FrontDeskProps) {
  const api = useMediTrack();
  const queryClient = useQueryClient();
  const patients = useQuery(api.patients.list.queryOptions({ limit: 10, sort: 'name' }));
  const slotsInput = { id: doctorId, from: day, to: day };
  const availability = useQuery(api.doctors.availability.queryOptions(slotsInput));
  const book = useMutation(
    api.appointments.book.mutationOptions({
      // A booking takes a slot: the cached free slots are stale now.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: api.doctors.availability.queryKey(slotsInput) }),
    }),
  );
  const first = availability.data?.slots[0];
  return (
    <section>
      <ul id="patients" data-count={patients.data?.items.length ?? ''}>
        {patients.data?.items.map((patient) => (
          <li key={patient.id}>{patient.name}</li>
        ))}
      </ul>
      <p id="slots" data-count={availability.isFetching ? '' : (availability.data?.slots.length ?? '')}>
        {availability.data?.slots.length ?? '…'} free slots
      </p>
      <button
        id="book"
        type="button"
        disabled={!first || book.isPending}
        onClick={() => first && book.mutate({ patientId, doctorId, startsAt: first.startsAt })}
      >
        Book {first?.startsAt.toISOString()}
      </button>
      {book.error ? <p id="error">{toMediTrackError(book.error).code}</p> : null}
      {book.data ? (
        <p id="booked" data-id={book.data.id}>
          {book.data.startsAt.toISOString()}
        </p>
      ) : null}
    </section>
  );
}
