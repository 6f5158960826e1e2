import {
  RoomAttendeesEvent,
  RoomEndedEvent,
  RoomStateEvent,
  type Attendee,
  type RoomCreated,
  type RoomEndedEvent as Ended,
  type RoomJoined,
  type RoomStateEvent as StateEvent,
} from '@eventflow/shared';
import { streamFlow, type TestClient, type TestServer } from '../test-support.js';
import { send, value } from './socket-support.js';

/** Everything room-related a client was sent, each event parsed with its shared schema (a bad one throws). */
export interface RoomInbox {
  states: StateEvent[];
  attendees: Attendee[][];
  ended: Ended[];
  pointers: unknown[];
}

export function roomInbox(client: TestClient): RoomInbox {
  const inbox: RoomInbox = { states: [], attendees: [], ended: [], pointers: [] };
  client.on('room:state', (e) => inbox.states.push(RoomStateEvent.parse(e)));
  client.on('room:attendees', (e) => inbox.attendees.push(RoomAttendeesEvent.parse(e).attendees));
  client.on('room:ended', (e) => inbox.ended.push(RoomEndedEvent.parse(e)));
  client.on('room:pointer-moved', (e) => inbox.pointers.push(e.pointer));
  return inbox;
}

export interface Workshop {
  presenter: TestClient;
  runId: string;
  code: string;
  presenterKey: string;
  created: RoomCreated;
}

/** A presenter with a paused stream run that has made some hops, in a room that follows it. */
export async function startWorkshop(server: TestServer, presenter?: TestClient): Promise<Workshop> {
  const client = presenter ?? (await server.connect());
  const flow = streamFlow(100);
  const { runId } = value(await send<{ runId: string }>(client, 'run:start', { flow, paused: true }));
  value(await send(client, 'run:advance', { runId, ms: 200 }));
  const created = value(
    await send<RoomCreated>(client, 'room:create', { flow, presenterName: '  Ada  Lovelace ' }),
  );
  value(await send(client, 'room:presenter-state', { code: created.code, patch: { runId } }));
  return { presenter: client, runId, code: created.code, presenterKey: created.presenterKey, created };
}

export async function joinAs(client: TestClient, code: string, name: string): Promise<RoomJoined> {
  return value(await send<RoomJoined>(client, 'room:join', { code, name }));
}
