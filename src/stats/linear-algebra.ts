import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/** A pivot below this share of its diagonal element marks a (numerically) singular matrix. */
const PIVOT_TOLERANCE = 1e-10;

/**
 * Cholesky factor (ml-matrix) of a symmetric positive-definite matrix, or null when it is singular or
 * nearly so: a covariate with no variation, or one that is a combination of others.
 */
export function choleskyOrNull(symmetric: readonly (readonly number[])[]): CholeskyDecomposition | null {
  const size = symmetric.length;
  const matrix = new Matrix(size, size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      const value = symmetric[i]?.[j] ?? Number.NaN;
      if (!Number.isFinite(value)) return null;
      matrix.set(i, j, value);
      matrix.set(j, i, value);
    }
  }
  const decomposition = new CholeskyDecomposition(matrix);
  if (!decomposition.isPositiveDefinite()) return null;
  const lower = decomposition.lowerTriangularMatrix;
  for (let j = 0; j < size; j++) {
    const pivot = lower.get(j, j) ** 2;
    if (!(pivot > PIVOT_TOLERANCE * matrix.get(j, j))) return null;
  }
  return decomposition;
}

/** Solves A·x = b with a Cholesky factor of A. */
export function solveWith(decomposition: CholeskyDecomposition, b: readonly number[]): number[] {
  return decomposition.solve(Matrix.columnVector([...b])).getColumn(0);
}

/** A⁻¹ from a Cholesky factor of A, as nested arrays. */
export function inverseWith(decomposition: CholeskyDecomposition, size: number): number[][] {
  return decomposition.solve(Matrix.eye(size, size)).to2DArray();
}

/** x'·A⁻¹·x, the quadratic form of a score or difference vector. */
export function quadraticForm(decomposition: CholeskyDecomposition, x: readonly number[]): number {
  const solved = solveWith(decomposition, x);
  return x.reduce((sum, value, i) => sum + value * (solved[i] ?? 0), 0);
}
