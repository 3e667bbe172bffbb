/* A layer of one-qubit gates on every wire, applied to a batch-last state in one pass.
 *
 * Built by qcog.qml.engines.layer_kernel (see its docstring) with -DREAL=double or float.
 * States are (2**n, B) complex, row-major, interleaved (re, im); wire 0 is the most
 * significant bit of the row. Columns go through tiles of CHUNK columns and all rows, held
 * as split real and imaginary planes (rows x CHUNK each) while every wire is applied. A
 * matrix is 8 reals: the entries 00, 01, 10, 11 as (re, im).
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#ifndef REAL
#define REAL double
#endif
#ifndef CHUNK
#define CHUNK 32
#endif
typedef REAL real;

/* (u, v) <- M (u, v) on CHUNK columns. */
static inline void rotate(const real *g, real *restrict ur, real *restrict ui,
                          real *restrict vr, real *restrict vi) {
  const real ar = g[0], ai = g[1], br = g[2], bi = g[3], cr = g[4], ci = g[5], dr = g[6], di = g[7];
#pragma GCC ivdep
  for (int j = 0; j < CHUNK; j++) {
    real a = ur[j], b = ui[j], c = vr[j], d = vi[j];
    ur[j] = ar * a - ai * b + br * c - bi * d;
    ui[j] = ar * b + ai * a + br * d + bi * c;
    vr[j] = cr * a - ci * b + dr * c - di * d;
    vi[j] = cr * b + ci * a + dr * d + di * c;
  }
}

/* Rows 0..3 of a quadruple (index 2a + b: a the upper wire, b the lower) <- (A x B) rows. */
static inline void rotate_pair(const real *A, const real *B, real *restrict r0, real *restrict i0,
                               real *restrict r1, real *restrict i1, real *restrict r2,
                               real *restrict i2, real *restrict r3, real *restrict i3) {
  const real ar = A[0], ai = A[1], br = A[2], bi = A[3], cr = A[4], ci = A[5], dr = A[6], di = A[7];
  const real er = B[0], ei = B[1], fr = B[2], fi = B[3], gr = B[4], gi = B[5], hr = B[6], hi = B[7];
#pragma GCC ivdep
  for (int j = 0; j < CHUNK; j++) {
    real x0r = r0[j], x0i = i0[j], x1r = r1[j], x1i = i1[j];
    real x2r = r2[j], x2i = i2[j], x3r = r3[j], x3i = i3[j];
    real y0r = er * x0r - ei * x0i + fr * x1r - fi * x1i, y0i = er * x0i + ei * x0r + fr * x1i + fi * x1r;
    real y1r = gr * x0r - gi * x0i + hr * x1r - hi * x1i, y1i = gr * x0i + gi * x0r + hr * x1i + hi * x1r;
    real y2r = er * x2r - ei * x2i + fr * x3r - fi * x3i, y2i = er * x2i + ei * x2r + fr * x3i + fi * x3r;
    real y3r = gr * x2r - gi * x2i + hr * x3r - hi * x3i, y3i = gr * x2i + gi * x2r + hr * x3i + hi * x3r;
    r0[j] = ar * y0r - ai * y0i + br * y2r - bi * y2i; i0[j] = ar * y0i + ai * y0r + br * y2i + bi * y2r;
    r2[j] = cr * y0r - ci * y0i + dr * y2r - di * y2i; i2[j] = cr * y0i + ci * y0r + dr * y2i + di * y2r;
    r1[j] = ar * y1r - ai * y1i + br * y3r - bi * y3i; i1[j] = ar * y1i + ai * y1r + br * y3i + bi * y3r;
    r3[j] = cr * y1r - ci * y1i + dr * y3r - di * y3i; i3[j] = cr * y1i + ci * y1r + dr * y3i + di * y3r;
  }
}

/* Every wire's matrix on a tile: wires (0, 1), (2, 3), ... then the last one when n is odd. */
static void sweep(real *tr, real *ti, const real *m, int n) {
  int64_t rows = (int64_t)1 << n;
  for (int q = 0; q + 1 < n; q += 2) {
    int64_t upper = (int64_t)1 << (n - 1 - q), lower = upper >> 1;
    for (int64_t high = 0; high < rows; high += 2 * upper)
      for (int64_t low = 0; low < lower; low++) {
        int64_t k0 = (high + low) * CHUNK, k1 = k0 + lower * CHUNK, k2 = k0 + upper * CHUNK,
                k3 = k2 + lower * CHUNK;
        rotate_pair(m + 8 * q, m + 8 * (q + 1), tr + k0, ti + k0, tr + k1, ti + k1, tr + k2,
                    ti + k2, tr + k3, ti + k3);
      }
  }
  if (n % 2)
    for (int64_t k = 0; k < rows * CHUNK; k += 2 * CHUNK)
      rotate(m + 8 * (n - 1), tr + k, ti + k, tr + k + CHUNK, ti + k + CHUNK);
}

/* Tile row i <- columns c0 .. c0 + width of x's row index[i] (row i without an index). */
static void load(const real *x, int64_t batch, int64_t rows, int64_t c0, int64_t width,
                 real *tr, real *ti, const int64_t *index) {
  for (int64_t i = 0; i < rows; i++) {
    const real *row = x + 2 * ((index ? index[i] : i) * batch + c0);
    real *r = tr + i * CHUNK, *m = ti + i * CHUNK;
    for (int64_t j = 0; j < width; j++) { r[j] = row[2 * j]; m[j] = row[2 * j + 1]; }
    for (int64_t j = width; j < CHUNK; j++) { r[j] = 0; m[j] = 0; }
  }
}

/* Row i of x (columns c0 .. c0 + width) <- tile row index[i] (row i without an index). */
static void store(const real *tr, const real *ti, real *x, int64_t batch, int64_t rows,
                  int64_t c0, int64_t width, const int64_t *index) {
  for (int64_t i = 0; i < rows; i++) {
    real *row = x + 2 * (i * batch + c0);
    int64_t k = index ? index[i] : i;
    const real *r = tr + k * CHUNK, *m = ti + k * CHUNK;
    for (int64_t j = 0; j < width; j++) { row[2 * j] = r[j]; row[2 * j + 1] = m[j]; }
  }
}

static inline int64_t step_of(int n, int q) { return (int64_t)1 << (n - 1 - q); }

/* Columns of the tile starting at c0 (CHUNK, fewer at the end of the range). */
static inline int64_t width_of(int64_t c0, int64_t stop) {
  return stop - c0 < CHUNK ? stop - c0 : CHUNK;
}

/* The four planes of a backward tile: y (re, im) from x, g (re, im) from h. */
static void load_pair(const real *x, const real *h, int64_t batch, int64_t rows, int64_t c0,
                      int64_t width, real *tiles, const int64_t *x_index,
                      const int64_t *h_index) {
  load(x, batch, rows, c0, width, tiles, tiles + rows * CHUNK, x_index);
  load(h, batch, rows, c0, width, tiles + 2 * rows * CHUNK, tiles + 3 * rows * CHUNK, h_index);
}

/* sums[e][j] = entry e of C_q for tile column j (wire q's rows step apart). Columns go in
 * vectors of LANES, so the eight accumulators stay in registers over all rows. */
#define LANES (64 / (int)sizeof(real))
static inline void correlate(const real *restrict gr, const real *restrict gi,
                             const real *restrict yr, const real *restrict yi, int64_t rows,
                             int64_t step, real sums[8][CHUNK]) {
  for (int jb = 0; jb < CHUNK; jb += LANES) {
    real s[8][LANES];
    memset(s, 0, sizeof s);
    for (int64_t high = 0; high < rows; high += 2 * step)
      for (int64_t low = 0; low < step; low++) {
        int64_t k0 = (high + low) * CHUNK + jb, k1 = k0 + step * CHUNK;
        const real *h0r = gr + k0, *h0i = gi + k0, *h1r = gr + k1, *h1i = gi + k1;
        const real *y0r = yr + k0, *y0i = yi + k0, *y1r = yr + k1, *y1i = yi + k1;
#pragma GCC ivdep
        for (int j = 0; j < LANES; j++) {
          s[0][j] += h0r[j] * y0r[j] - h0i[j] * y0i[j];
          s[1][j] += h0r[j] * y0i[j] + h0i[j] * y0r[j];
          s[2][j] += h0r[j] * y1r[j] - h0i[j] * y1i[j];
          s[3][j] += h0r[j] * y1i[j] + h0i[j] * y1r[j];
          s[4][j] += h1r[j] * y0r[j] - h1i[j] * y0i[j];
          s[5][j] += h1r[j] * y0i[j] + h1i[j] * y0r[j];
          s[6][j] += h1r[j] * y1r[j] - h1i[j] * y1i[j];
          s[7][j] += h1r[j] * y1i[j] + h1i[j] * y1r[j];
        }
      }
    for (int e = 0; e < 8; e++)
      for (int j = 0; j < LANES; j++) sums[e][jb + j] = s[e][j];
  }
}

/* out[:, start:stop] = A (M_0 x ... x M_{n-1}) B x[:, start:stop], A and B permutations of
 * rows: (B x)[i] = x[before[i]], (A y)[i] = y[after[i]] (NULL: none). tiles: 2 planes of
 * rows x CHUNK. out may be x. */
void layer_forward(const real *x, real *out, int64_t batch, int64_t start, int64_t stop, int n,
                   const real *m, real *tiles, const int64_t *before, const int64_t *after) {
  int64_t rows = (int64_t)1 << n;
  real *tr = tiles, *ti = tiles + rows * CHUNK;
  for (int64_t c0 = start; c0 < stop; c0 += CHUNK) {
    int64_t width = width_of(c0, stop);
    load(x, batch, rows, c0, width, tr, ti, before);
    sweep(tr, ti, m, n);
    store(tr, ti, out, batch, rows, c0, width, after);
  }
}

/* The conjugate-convention vector-Jacobian product over columns start:stop: out = M^T h
 * (mt: the transposed matrices) and corr[8 q + e] += C_q entry e (re, im of 00, 01, 10, 11),
 * C_q[a][c] = sum over rows and columns of h[row with bit q = a] y[row with bit q = c],
 * y the layer's output: x itself when from_output, else recomputed from the input x in the
 * tile. Row permutations around the layer (before and after in layer_forward) are read and
 * written through: tile row i of x is x[x_index[i]], of h is h[h_index[i]], and out[i] is
 * tile row out_index[i] (NULL: row i). tiles: 4 planes. out may be h. */
void layer_backward(const real *x, const real *h, real *out, int64_t batch, int64_t start,
                    int64_t stop, int n, const real *m, const real *mt, real *tiles, real *corr,
                    int from_output, const int64_t *x_index, const int64_t *h_index,
                    const int64_t *out_index) {
  int64_t rows = (int64_t)1 << n;
  real *yr = tiles, *yi = tiles + rows * CHUNK, *gr = yi + rows * CHUNK, *gi = gr + rows * CHUNK;
  real sums[8][CHUNK];
  for (int64_t c0 = start; c0 < stop; c0 += CHUNK) {
    int64_t width = width_of(c0, stop);
    load_pair(x, h, batch, rows, c0, width, tiles, x_index, h_index);
    if (!from_output) sweep(yr, yi, m, n);
    for (int q = 0; q < n; q++) {
      correlate(gr, gi, yr, yi, rows, step_of(n, q), sums);
      for (int e = 0; e < 8; e++)
        for (int j = 0; j < CHUNK; j++) corr[8 * q + e] += sums[e][j];
    }
    sweep(gr, gi, mt, n);
    store(gr, gi, out, batch, rows, c0, width, out_index);
  }
}

/* Per column, corr[column][8 q + e] = C_q entry e of that column alone (see layer_backward;
 * no matrices: y and h as given), over columns start:stop. corr is (batch, n, 8). tiles: 4
 * planes. For a product state y = v_0 x ... x v_{n-1} (unit vectors) the gradient of v_q is
 * then conj(C_q) v_q. */
void layer_correlations(const real *y, const real *h, int64_t batch, int64_t start,
                        int64_t stop, int n, real *tiles, real *corr) {
  int64_t rows = (int64_t)1 << n;
  real *yr = tiles, *yi = tiles + rows * CHUNK, *gr = yi + rows * CHUNK, *gi = gr + rows * CHUNK;
  real sums[8][CHUNK];
  for (int64_t c0 = start; c0 < stop; c0 += CHUNK) {
    int64_t width = width_of(c0, stop);
    load_pair(y, h, batch, rows, c0, width, tiles, NULL, NULL);
    for (int q = 0; q < n; q++) {
      correlate(gr, gi, yr, yi, rows, step_of(n, q), sums);
      for (int64_t j = 0; j < width; j++)
        for (int e = 0; e < 8; e++) corr[((c0 + j) * n + q) * 8 + e] = sums[e][j];
    }
  }
}
