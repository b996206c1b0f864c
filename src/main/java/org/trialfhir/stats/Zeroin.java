package org.trialfhir.stats;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's root finder, step for step as R's {@code uniroot()} runs it, so that a root on a flat
 * stretch of a step function lands where R's does.
 *
 * <p>Source of the algorithm: R. P. Brent, <i>Algorithms for Minimization without Derivatives</i>
 * (1973), ch. 4, procedure "zero"; G. Forsythe, M. Malcolm, C. Moler, <i>Computer Methods for
 * Mathematical Computations</i> (1977), function ZEROIN; in the C form of R's
 * {@code src/library/stats/src/zeroin.c} ({@code R_zeroin2}, from NETLIB c/brent.shar, iteration
 * limit by P. Dalgaard), which {@code uniroot(f, lower, upper, f.lower, f.upper, tol, maxiter)}
 * calls. Written here from that description: bisection combined with linear (secant) or inverse
 * quadratic interpolation, keeping the root bracketed by b and c.
 */
final class Zeroin {

	/** Root, and whether the iteration limit was reached first (R then warns "_NOT_ converged"). */
	record Root(double x, boolean converged) {
	}

	private static final double EPSILON = Math.ulp(1.0);

	private Zeroin() {
	}

	/**
	 * Root of {@code f} in [ax, bx], given fa = f(ax) and fb = f(bx) of opposite signs (or zero).
	 *
	 * @param tol acceptable tolerance (R's {@code tol})
	 * @param maxIterations R's {@code maxiter}
	 */
	static Root find(DoubleUnaryOperator f, double ax, double bx, double fa, double fb,
			double tol, int maxIterations) {
		if (fa == 0.0) {
			return new Root(ax, true);
		}
		if (fb == 0.0) {
			return new Root(bx, true);
		}
		double a = ax;
		double b = bx;
		double c = a;
		double fc = fa;
		// R's loop runs while(maxit--) starting from maxit = *Maxit + 1
		for (int left = maxIterations + 1; left > 0; left--) {
			final double prevStep = b - a;
			if (Math.abs(fc) < Math.abs(fb)) {
				// make b the best approximation, c keeps the bracket
				a = b;
				b = c;
				c = a;
				fa = fb;
				fb = fc;
				fc = fa;
			}
			final double tolAct = 2 * EPSILON * Math.abs(b) + tol / 2;
			double newStep = (c - b) / 2;
			if (Math.abs(newStep) <= tolAct || fb == 0.0) {
				return new Root(b, true);
			}
			if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
				newStep = interpolatedStep(a, b, c, fa, fb, fc, prevStep, tolAct, newStep);
			}
			if (Math.abs(newStep) < tolAct) {
				newStep = newStep > 0 ? tolAct : -tolAct;
			}
			a = b;
			fa = fb;
			b += newStep;
			fb = f.applyAsDouble(b);
			if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
				c = a;
				fc = fa;
			}
		}
		return new Root(b, false);
	}

	/** Secant step (two distinct points) or inverse quadratic step; the bisection step if neither fits. */
	private static double interpolatedStep(double a, double b, double c, double fa, double fb, double fc,
			double prevStep, double tolAct, double bisection) {
		final double cb = c - b;
		double p;
		double q;
		if (a == c) {
			final double t1 = fb / fa;
			p = cb * t1;
			q = 1.0 - t1;
		} else {
			q = fa / fc;
			final double t1 = fb / fc;
			final double t2 = fb / fa;
			p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
			q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
		}
		if (p > 0) {
			q = -q;
		} else {
			p = -p;
		}
		// accept b + p/q only if it falls well inside [b, c] and is not too large
		if (p < (0.75 * cb * q - Math.abs(tolAct * q) / 2) && p < Math.abs(prevStep * q / 2)) {
			return p / q;
		}
		return bisection;
	}
}
