import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siameseverify.encoder.card.Metric;
import io.siameseverify.gallery.Gallery;
import io.siameseverify.gallery.GalleryProperties;
import io.siameseverify.gallery.SubjectId;
import io.siameseverify.gallery.store.GalleryStores;
import io.siameseverify.gallery.store.ModelKey;

/**
 * The gallery's 1:N scan, in process: references of 128 seeded random values, 5 per subject
 * (100 000 by default), timed per identify call, for each metric (Euclidean: the face model;
 * cosine: the signature model). Over HTTP, an identify costs this scan plus one encoding.
 * Prints what the scan ran on: the Vector API when the JVM has its module, else plain loops.
 *   java [--add-modules=jdk.incubator.vector] -cp … bench/IdentifyBench.java [references] [runs]
 */
public class IdentifyBench {

	public static void main(String[] args) {
		int references = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int runs = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		System.out.println("scans run on " + Metric.scanKernels());
		for (Metric metric : Metric.values()) {
			run(metric, references, runs);
		}
	}

	static void run(Metric metric, int references, int runs) {
		int perSubject = 5;
		int subjects = references / perSubject;
		Gallery gallery = new Gallery(new ModelKey("bench", "bench", 128), metric,
				GalleryProperties.limits(perSubject, subjects), GalleryStores.memory(), Clock.systemUTC(), new SimpleMeterRegistry());
		gallery.load();
		Random random = new Random(1);
		for (int s = 0; s < subjects; s++) {
			List<float[]> rows = new ArrayList<>();
			for (int r = 0; r < perSubject; r++) {
				rows.add(vector(random));
			}
			gallery.enroll(new SubjectId("s" + s), rows);
		}
		double[] ms = new double[runs];
		for (int i = 0; i < 20 + runs; i++) {
			float[] probe = vector(random);
			long t = System.nanoTime();
			gallery.identify(probe, 5);
			if (i >= 20) {
				ms[i - 20] = (System.nanoTime() - t) / 1e6;
			}
		}
		Arrays.sort(ms);
		System.out.printf("identify over %d references, %s: runs=%d p50=%.2f ms p99=%.2f ms%n",
				gallery.counts().orElseThrow().references(),
				metric.id(), runs, ms[runs / 2], ms[(int) (runs * 0.99) - 1]);
	}

	static float[] vector(Random random) {
		float[] v = new float[128];
		for (int i = 0; i < v.length; i++) {
			v[i] = (float) random.nextGaussian() * 0.1f;
		}
		return v;
	}

}
