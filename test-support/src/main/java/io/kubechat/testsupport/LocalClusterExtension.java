package io.kubechat.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods and constructors a {@link LocalCluster} parameter. The cluster is started
 * once per test JVM (or attached to, see {@link LocalCluster#CLUSTER_DIR_ENV}) and stopped when
 * the JVM's test run ends.
 */
public class LocalClusterExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return cluster(extensionContext);
    }

    /** The shared cluster, started on first use. */
    public static LocalCluster cluster(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(LocalClusterExtension.class));
        return store.computeIfAbsent(LocalCluster.class, ignored -> LocalCluster.attachOrStart(), LocalCluster.class);
    }
}
