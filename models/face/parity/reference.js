// Runs face-api's own TensorFlow.js networks (CPU backend) on raw RGB inputs, as the reference the
// TorchScript conversion is checked against.
//
//   node reference.js jobs.json outputs.json
//
// jobs.json: [{"net": "encoder" | "detector" | "landmarks", "input": "file.rgb", "height": H, "width": W}]
// Each input is H*W*3 bytes, RGB, row-major. Outputs: the raw network output per job, flattened in
// PyTorch's NCHW order, and for the detector also face-api's decoded detections (box relative to
// the input, score), so that the Java decoding can be tested against the package's own.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');

function readInput(job, baseDir) {
  const bytes = fs.readFileSync(path.resolve(baseDir, job.input));
  if (bytes.length !== job.height * job.width * 3) {
    throw new Error(`${job.input}: expected ${job.height * job.width * 3} bytes, found ${bytes.length}`);
  }
  return tf.tensor3d(new Int32Array(bytes), [job.height, job.width, 3], 'int32');
}

// NHWC → NCHW, so the numbers line up with the TorchScript output element for element.
async function nchw(tensor) {
  const transposed = tensor.rank === 4 ? tf.transpose(tensor, [0, 3, 1, 2]) : tensor;
  const values = Array.from(await transposed.data());
  return { shape: transposed.shape, values };
}

async function run(job, baseDir) {
  const image = readInput(job, baseDir);
  const input = await faceapi.toNetInput(image);
  if (job.net === 'encoder') return nchw(faceapi.nets.faceRecognitionNet.forwardInput(input));
  if (job.net === 'landmarks') return nchw(faceapi.nets.faceLandmark68Net.forwardInput(input));
  if (job.net === 'detector') {
    const raw = await nchw(faceapi.nets.tinyFaceDetector.forwardInput(input, job.width));
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: job.width, scoreThreshold: 0.5 });
    const found = await faceapi.nets.tinyFaceDetector.locateFaces(image, options);
    raw.detections = found.map((d) => ({
      score: d.score,
      box: [d.relativeBox.x, d.relativeBox.y, d.relativeBox.width, d.relativeBox.height],
    }));
    return raw;
  }
  throw new Error(`unknown net ${job.net}`);
}

async function main() {
  const [jobsFile, outputFile] = process.argv.slice(2);
  await tf.setBackend('cpu');
  await tf.ready();
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  const jobs = JSON.parse(fs.readFileSync(jobsFile, 'utf8'));
  const outputs = [];
  for (const job of jobs) outputs.push(await run(job, path.dirname(jobsFile)));
  fs.writeFileSync(outputFile, JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version_core, outputs }));
}

main().catch((error) => { console.error(error); process.exit(1); });
