import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * Whether an outcome counts, as every report counts it: not entered in error, not rejected, and,
 * where its type must be verified before it counts, verified. `o` is the outcome and `r` its type's
 * rule (outcome_type_rule).
 */
export const outcomeCounts: Expression<SqlBool> = sql<SqlBool>`(o.entered_in_error_at is null and o.verification <> 'rejected' and (not r.must_verify or o.verification = 'verified'))`;

/** An outcome that would count once verified. */
export const outcomeAwaitsVerification: Expression<SqlBool> = sql<SqlBool>`(o.entered_in_error_at is null and r.must_verify and o.verification = 'unverified')`;
