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
 * (c) The gallery's 1:N scan, in process: 100 000 references of 128 values (20 000 subjects × 5,
 * random vectors), timed per identify call, for each metric (Euclidean: the face model; cosine:
 * the signature model). Over HTTP, an identify
 * costs this scan plus one encoding (see (b)).
 */
public class IdentifyBench {

	public static void main(String[] args) {
		for (Metric metric : Metric.values()) {
			run(metric);
		}
	}

	static void run(Metric metric) {
		int subjects = 20_000;
		int perSubject = 5;
		Gallery gallery = new Gallery(new ModelKey("bench", "bench", 128), metric,
				GalleryProperties.limits(perSubject, subjects), GalleryStores.memory(), Clock.systemUTC(), new SimpleMeterRegistry());
		gallery.load();
		Random random = new Random(1);
		for (int s = 0; s < subjects; s++) {
			List<float[]> references = new ArrayList<>();
			for (int r = 0; r < perSubject; r++) {
				references.add(vector(random));
			}
			gallery.enroll(new SubjectId("s" + s), references);
		}
		int runs = 200;
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
