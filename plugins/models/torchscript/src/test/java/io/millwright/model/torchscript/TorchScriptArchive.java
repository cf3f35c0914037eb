package io.millwright.model.torchscript;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes TorchScript files ({@code torch.jit.save}'s format) without Python, for tests: a zip of
 * STORED entries under one top folder, which libtorch 2.7 loads as it loads a file PyTorch wrote.
 *
 * <ul>
 *   <li>{@code <top>/data.pkl}: the module object, pickle protocol 2: {@code GLOBAL '__torch__
 *       <Class>'}, {@code EMPTY_TUPLE}, {@code NEWOBJ}, then its state as a dict of every attribute
 *       the class declares ({@code training: True} and each parameter tensor), {@code BUILD},
 *       {@code STOP}. A tensor is {@code torch._utils._rebuild_tensor_v2(storage, 0, size, stride,
 *       requires_grad, OrderedDict())} whose storage is the persistent id {@code ('storage',
 *       torch.FloatStorage, '<key>', 'cpu', numel)} ({@code BINPERSID});
 *   <li>{@code <top>/code/__torch__.py}: the class's TorchScript source (the class {@code
 *       __torch__.<Class>} lives in the file of its qualifier {@code __torch__}), declaring {@code
 *       __parameters__}, each attribute with its type (including {@code training : bool}, which
 *       {@code Module.eval()} sets) and {@code forward};
 *   <li>{@code <top>/data/<key>}: each tensor's raw little-endian float32 values;
 *   <li>{@code <top>/constants.pkl}: the constants table, here an empty tuple (required);
 *   <li>{@code <top>/version}: the file format version, {@code 3} (libtorch 2.7 reads 1 to 10);
 *   <li>{@code <top>/byteorder}: {@code little} (optional for the reader; PyTorch writes it).
 * </ul>
 *
 * Entries carry a fixed date (1980-01-01 local), so the same module gives the same bytes.
 */
final class TorchScriptArchive {

  /** A float32 tensor, row-major. */
  record Tensor(long[] shape, float[] values) {
    Tensor {
      long n = 1;
      for (long s : shape) {
        n *= s;
      }
      if (n != values.length) {
        throw new IllegalArgumentException(values.length + " values for shape of " + n);
      }
    }

    static Tensor matrix(float[][] rows) {
      int cols = rows[0].length;
      float[] values = new float[rows.length * cols];
      for (int r = 0; r < rows.length; r++) {
        System.arraycopy(rows[r], 0, values, r * cols, cols);
      }
      return new Tensor(new long[] {rows.length, cols}, values);
    }

    static Tensor vector(float... values) {
      return new Tensor(new long[] {values.length}, values.clone());
    }
  }

  private TorchScriptArchive() {}

  /**
   * {@code y = x @ weight + bias}: {@code weight} is {@code [inputs, outputs]}, so the module takes
   * {@code [batch, inputs]} and returns {@code [batch, outputs]}, or {@code [batch]} when {@code
   * squeeze} (then outputs must be 1).
   */
  static byte[] linear(String top, float[][] weight, float[] bias, boolean squeeze) {
    String y = "torch.add(torch.matmul(x, self.weight), self.bias)";
    Map<String, Tensor> parameters = new LinkedHashMap<>();
    parameters.put("weight", Tensor.matrix(weight));
    parameters.put("bias", Tensor.vector(bias));
    return module(top, "Linear", squeeze ? "torch.squeeze(" + y + ", 1)" : y, parameters);
  }

  /**
   * A module whose {@code forward(self, x: Tensor) -> Tensor} returns {@code expression}, with
   * these parameters (tensors, each an attribute of the same name).
   */
  static byte[] module(
      String top, String className, String expression, Map<String, Tensor> parameters) {
    return module(top, className, "Tensor", expression, parameters);
  }

  /** As {@link #module(String, String, String, Map)}, with another return type. */
  static byte[] module(
      String top,
      String className,
      String returnType,
      String expression,
      Map<String, Tensor> parameters) {
    StringBuilder code = new StringBuilder();
    code.append("class ").append(className).append("(Module):\n");
    code.append("  __parameters__ = [");
    parameters.keySet().forEach(p -> code.append('"').append(p).append("\", "));
    code.append("]\n");
    parameters.keySet().forEach(p -> code.append("  ").append(p).append(" : Tensor\n"));
    code.append("  training : bool\n");
    code.append("  def forward(self: __torch__.").append(className).append(",\n");
    code.append("    x: Tensor) -> ").append(returnType).append(":\n");
    code.append("    return ").append(expression).append('\n');
    return archive(top, className, code.toString(), parameters);
  }

  /** The archive of a module with this source, whose state is {@code training} and parameters. */
  static byte[] archive(String top, String className, String code, Map<String, Tensor> parameters) {
    Pickle data = new Pickle();
    data.global("__torch__", className).op(Pickle.EMPTY_TUPLE).op(Pickle.NEWOBJ);
    data.op(Pickle.EMPTY_DICT).op(Pickle.MARK);
    Map<String, byte[]> storages = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
      String key = Integer.toString(storages.size());
      data.string(p.getKey());
      data.tensor(key, p.getValue());
      storages.put(key, littleEndian(p.getValue().values()));
    }
    data.string("training").bool(true);
    data.op(Pickle.SETITEMS).op(Pickle.BUILD);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      String folder = top + "/";
      entry(zip, folder + "data.pkl", data.stop());
      entry(zip, folder + "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, byte[]> s : storages.entrySet()) {
        entry(zip, folder + "data/" + s.getKey(), s.getValue());
      }
      entry(zip, folder + "constants.pkl", new Pickle().op(Pickle.EMPTY_TUPLE).stop());
      entry(zip, folder + "version", "3\n".getBytes(StandardCharsets.UTF_8));
      entry(zip, folder + "byteorder", "little".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] littleEndian(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(content.length);
    e.setCompressedSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    e.setCrc(crc.getValue());
    e.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0));
    zip.putNextEntry(e);
    zip.write(content);
    zip.closeEntry();
  }

  /** The few pickle (protocol 2) opcodes a TorchScript module's state needs. */
  static final class Pickle {
    static final int MARK = '(';
    static final int STOP = '.';
    static final int EMPTY_TUPLE = ')';
    static final int EMPTY_DICT = '}';
    static final int TUPLE = 't';
    static final int SETITEMS = 'u';
    static final int BUILD = 'b';
    static final int REDUCE = 'R';
    static final int BINPERSID = 'Q';
    static final int NEWOBJ = 0x81;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickle() {
      out.write(0x80); // PROTO
      out.write(2);
    }

    Pickle op(int code) {
      out.write(code);
      return this;
    }

    Pickle global(String module, String name) {
      op('c');
      out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
      return this;
    }

    Pickle string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      op('X'); // BINUNICODE
      int32(b.length);
      out.writeBytes(b);
      return this;
    }

    Pickle integer(long v) {
      if (v >= 0 && v < 256) {
        op('K').op((int) v); // BININT1
      } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        op('J'); // BININT
        int32((int) v);
      } else {
        throw new IllegalArgumentException("too large for this writer: " + v);
      }
      return this;
    }

    Pickle bool(boolean b) {
      return op(b ? 0x88 : 0x89); // NEWTRUE, NEWFALSE
    }

    Pickle ints(long... values) {
      if (values.length == 0) {
        return op(EMPTY_TUPLE);
      }
      op(MARK);
      for (long v : values) {
        integer(v);
      }
      return op(TUPLE);
    }

    /** A contiguous float32 CPU tensor whose values are the record {@code data/<key>}. */
    Pickle tensor(String key, Tensor t) {
      long[] stride = new long[t.shape().length];
      long step = 1;
      for (int i = stride.length - 1; i >= 0; i--) {
        stride[i] = step;
        step *= t.shape()[i];
      }
      global("torch._utils", "_rebuild_tensor_v2");
      op(MARK);
      op(MARK).string("storage").global("torch", "FloatStorage").string(key).string("cpu");
      integer(t.values().length).op(TUPLE).op(BINPERSID);
      integer(0).ints(t.shape()).ints(stride).bool(true);
      global("collections", "OrderedDict").op(EMPTY_TUPLE).op(REDUCE);
      op(TUPLE);
      return op(REDUCE);
    }

    byte[] stop() {
      op(STOP);
      return out.toByteArray();
    }

    private void int32(int v) {
      out.write(v & 0xff);
      out.write((v >> 8) & 0xff);
      out.write((v >> 16) & 0xff);
      out.write((v >>> 24) & 0xff);
    }
  }
}
