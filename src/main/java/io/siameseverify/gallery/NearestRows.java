package io.siameseverify.gallery;

/**
 * The {@code capacity} rows nearest to a probe among all rows offered, kept in a max-heap
 * on primitive arrays: an offer farther than the farthest kept row costs one comparison,
 * so a scan of the whole gallery allocates nothing per row.
 */
final class NearestRows {

	private final int[] rows;

	private final double[] distances;

	private int size;

	NearestRows(int capacity) {
		this.rows = new int[capacity];
		this.distances = new double[capacity];
	}

	void offer(int row, double distance) {
		if (this.size < this.rows.length) {
			this.rows[this.size] = row;
			this.distances[this.size] = distance;
			siftUp(this.size++);
		}
		else if (this.size > 0 && distance < this.distances[0]) {
			this.rows[0] = row;
			this.distances[0] = distance;
			siftDown(0);
		}
	}

	/** The kept rows, nearest first; empties the heap. */
	int[] drainNearestFirst() {
		int[] sorted = new int[this.size];
		for (int i = this.size - 1; i >= 0; i--) {
			sorted[i] = this.rows[0];
			this.size--;
			swap(0, this.size);
			siftDown(0);
		}
		return sorted;
	}

	private void siftUp(int i) {
		while (i > 0) {
			int parent = (i - 1) / 2;
			if (this.distances[parent] >= this.distances[i]) {
				return;
			}
			swap(i, parent);
			i = parent;
		}
	}

	private void siftDown(int i) {
		while (true) {
			int largest = i;
			int left = 2 * i + 1;
			int right = left + 1;
			if (left < this.size && this.distances[left] > this.distances[largest]) {
				largest = left;
			}
			if (right < this.size && this.distances[right] > this.distances[largest]) {
				largest = right;
			}
			if (largest == i) {
				return;
			}
			swap(i, largest);
			i = largest;
		}
	}

	private void swap(int a, int b) {
		int row = this.rows[a];
		this.rows[a] = this.rows[b];
		this.rows[b] = row;
		double distance = this.distances[a];
		this.distances[a] = this.distances[b];
		this.distances[b] = distance;
	}

}
