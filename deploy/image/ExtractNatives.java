/**
 * Run at image build time with the application's dependency jars on the class path:
 * loading DJL's PyTorch engine once unpacks libtorch (about 430 MB) from the
 * pytorch-native jar into ENGINE_CACHE_DIR. The runtime image then carries the unpacked
 * libraries read-only, instead of unpacking them into a writable volume at every start.
 */
public class ExtractNatives {

	public static void main(String[] args) {
		System.out.println("libtorch " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion() + " unpacked into "
				+ System.getenv("ENGINE_CACHE_DIR"));
	}

}
