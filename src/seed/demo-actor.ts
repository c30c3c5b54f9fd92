import type { Kysely } from 'kysely';
import { actingAs } from '../cli/acting-as.ts';
import type { Database } from '../db/schema.ts';
import type { SignedInCtx } from '../http/context.ts';
import type { Role } from '../modules/auth/roles.ts';
import { DEMO_USERS } from './roop.ts';

/** The demo user of a role as a domain function's context, for the demo seed's example work (audited from "demo seed"). */
export async function demoActor(tx: Kysely<Database>, role: Role): Promise<SignedInCtx> {
  return { ...(await actingAs(tx, DEMO_USERS.find((user) => user.role === role)?.email ?? '')), address: 'demo seed' };
}
