package io.siameseverify.encoder;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The image fields an endpoint's {@link ImageInputs} take (multipart parts or JSON
 * fields): a request that sends any other is refused, not silently half-read.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface ImageFields {

	/** The field names. */
	String[] value();

	/** Whether a field may hold several images: repeated parts, or a JSON array. */
	boolean several() default false;

}
