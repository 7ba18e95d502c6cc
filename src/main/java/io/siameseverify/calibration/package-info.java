/**
 * Calibration from labelled data: {@code java -jar … calibrate --model M --data DIR}
 * encodes every image through the serving pipeline and reports EER, FAR/FRR at the
 * threshold, the thresholds for FAR 1e-2 and 1e-3, and a ROC/DET plot. Uses the encoder
 * package only.
 */
package io.siameseverify.calibration;
