package io.siameseverify.calibration;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * A ROC (TAR against log FAR) and a DET (log FRR against log FAR) panel side by side, as
 * PNG, with the operating threshold marked.
 */
final class RocPlot {

	private static final int PANEL = 420;

	private static final int MARGIN = 60;

	private static final double MIN_RATE = 1e-5;

	private RocPlot() {
	}

	static void write(Roc roc, double threshold, String title, Path file) throws IOException {
		BufferedImage image = new BufferedImage(2 * (PANEL + MARGIN) + MARGIN, PANEL + 2 * MARGIN,
				BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, image.getWidth(), image.getHeight());
			g.setColor(Color.BLACK);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
			g.drawString(title, MARGIN, 25);
			double[] rates = roc.ratesAt(threshold);
			panel(g, MARGIN, "ROC: true accept rate vs false accept rate (log)", roc, false, rates);
			panel(g, 2 * MARGIN + PANEL, "DET: false reject vs false accept (log-log)", roc, true, rates);
		}
		finally {
			g.dispose();
		}
		ImageIO.write(image, "png", file.toFile());
	}

	private static void panel(Graphics2D g, int left, String label, Roc roc, boolean det, double[] operating) {
		int top = MARGIN;
		g.setColor(Color.BLACK);
		g.drawRect(left, top, PANEL, PANEL);
		g.drawString(label, left, top - 8);
		g.setColor(new Color(220, 220, 220));
		for (int decade = 0; decade <= 5; decade++) {
			int x = left + (int) (PANEL * decade / 5.0);
			g.drawLine(x, top, x, top + PANEL);
			if (det) {
				g.drawLine(left, top + (int) (PANEL * decade / 5.0), left + PANEL, top + (int) (PANEL * decade / 5.0));
			}
		}
		g.setColor(Color.DARK_GRAY);
		FontMetrics metrics = g.getFontMetrics();
		for (int step = 0; step <= 5; step++) {
			g.drawString(decade(step), left + (int) (PANEL * step / 5.0) - metrics.stringWidth(decade(step)) / 2,
					top + PANEL + 16);
			// the y axis: rates on a log scale (DET) or from 0 to 1 (ROC), bottom to top
			String tick = det ? decade(step) : "%.1f".formatted(step / 5.0);
			g.drawString(tick, left - metrics.stringWidth(tick) - 6, top + PANEL - (int) (PANEL * step / 5.0) + 4);
		}
		String xTitle = "false accept rate";
		g.drawString(xTitle, left + (PANEL - metrics.stringWidth(xTitle)) / 2, top + PANEL + 34);
		AffineTransform upright = g.getTransform();
		g.rotate(-Math.PI / 2, left - 44, top + PANEL / 2.0);
		String yTitle = det ? "false reject rate" : "true accept rate";
		g.drawString(yTitle, left - 44 - metrics.stringWidth(yTitle) / 2, top + PANEL / 2 + 4);
		g.setTransform(upright);
		g.setColor(new Color(31, 119, 180));
		g.setStroke(new BasicStroke(2f));
		int previousX = -1;
		int previousY = -1;
		for (int k = 0; k < roc.far.length; k++) {
			int x = xOf(left, roc.far[k]);
			int y = det ? yLog(top, roc.frr[k]) : yLinear(top, 1 - roc.frr[k]);
			if (previousX >= 0) {
				g.drawLine(previousX, previousY, x, y);
			}
			previousX = x;
			previousY = y;
		}
		g.setColor(new Color(214, 39, 40));
		int x = xOf(left, operating[0]);
		int y = det ? yLog(top, operating[1]) : yLinear(top, 1 - operating[1]);
		g.fillOval(x - 5, y - 5, 10, 10);
	}

	/** 1e-5 … 1, the log axes' ticks from left (or bottom) to right (or top). */
	private static String decade(int step) {
		return (step == 5) ? "1" : "1e-" + (5 - step);
	}

	private static int xOf(int left, double far) {
		double clamped = Math.max(MIN_RATE, Math.min(1, far));
		return left + (int) Math.round(PANEL * (Math.log10(clamped) + 5) / 5);
	}

	private static int yLog(int top, double rate) {
		double clamped = Math.max(MIN_RATE, Math.min(1, rate));
		return top + (int) Math.round(PANEL * (1 - (Math.log10(clamped) + 5) / 5));
	}

	private static int yLinear(int top, double rate) {
		return top + (int) Math.round(PANEL * (1 - rate));
	}

}
