package io.kubechat.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods and constructors a {@link LocalCluster} parameter: the JVM's shared cluster,
 * started on first use (or attached to, see {@link LocalCluster#CLUSTER_DIR_ENV}).
 */
public class LocalClusterExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return LocalCluster.shared();
    }
}
