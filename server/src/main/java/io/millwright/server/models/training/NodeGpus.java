package io.millwright.server.models.training;

import ai.djl.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether this node can train on a GPU: the PyTorch engine (on the host's class path) sees one. The
 * answer is asked once; a node without a GPU, or without a CUDA build of PyTorch, trains every run
 * on the CPU.
 */
@ApplicationScoped
public class NodeGpus {

  private static final Logger LOG = Logger.getLogger(NodeGpus.class.getName());

  private volatile Integer count;

  public boolean present() {
    return count() > 0;
  }

  public int count() {
    Integer known = count;
    if (known == null) {
      int seen;
      try {
        seen = Engine.getEngine("PyTorch").getGpuCount();
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "The PyTorch engine did not load; training runs on no GPU", e);
        seen = 0;
      }
      count = seen;
      known = seen;
    }
    return known;
  }
}
