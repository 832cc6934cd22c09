package dev.homelab.validator.schema.gen;

import dev.homelab.validator.schema.gen.ApiGroups.GroupVersion;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the kinds that the Kubernetes API can create and store, from the {@code *Api} classes of
 * client-java: one per {@code create*} method whose body is a model of the same kind and that has a
 * matching {@code list*} method.
 */
final class ApiKindScanner {

  static final String MODELS_PACKAGE = V1ObjectMeta.class.getPackageName();

  private static final String CREATE = "create";
  private static final String LIST = "list";
  private static final String NAMESPACED = "Namespaced";

  private ApiKindScanner() {}

  /** All creatable, stored kinds, sorted by group, version and kind. */
  static List<ApiKind> scan() {
    List<ApiKind> kinds = new ArrayList<>();
    for (Class<?> api : groupVersionApis()) {
      kinds.addAll(kindsOf(api, ApiGroups.of(api)));
    }
    kinds.sort(ApiKind.BY_GROUP_VERSION_KIND);
    return kinds;
  }

  /** The {@code <Group><Version>Api} classes, each serving exactly one group/version. */
  static List<Class<?>> groupVersionApis() {
    return topLevelClassNamesInPackageOf(CoreV1Api.class).stream()
        .filter(className -> ApiGroups.isGroupVersionApi(simpleNameOf(className)))
        .<Class<?>>map(ApiKindScanner::load)
        .toList();
  }

  static List<ApiKind> kindsOf(Class<?> api, GroupVersion groupVersion) {
    List<ApiKind> kinds = new ArrayList<>();
    Method[] methods = api.getMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    Set<String> methodNames =
        Arrays.stream(methods).map(Method::getName).collect(Collectors.toSet());
    for (Method method : methods) {
      String name = method.getName();
      Class<?>[] parameters = method.getParameterTypes();
      if (!name.startsWith(CREATE) || parameters.length == 0) {
        continue;
      }
      Class<?> body = parameters[parameters.length - 1];
      if (!body.getPackageName().equals(MODELS_PACKAGE)) {
        continue;
      }
      String resource = name.substring(CREATE.length());
      boolean namespaced = isNamespacedResource(resource);
      String kind = namespaced ? resource.substring(NAMESPACED.length()) : resource;
      // A body of another kind means a subresource, such as pods/binding or pods/eviction.
      if (!kind.equals(kindOfModel(body, groupVersion.version()))) {
        continue;
      }
      // No list method means nothing is stored: TokenReview, SubjectAccessReview, Binding.
      if (!methodNames.contains(LIST + (namespaced ? NAMESPACED : "") + kind)) {
        continue;
      }
      kinds.add(new ApiKind(groupVersion.group(), groupVersion.version(), kind, namespaced, body));
    }
    return kinds;
  }

  /** {@code V1beta1DeviceClass} is {@code DeviceClass}, {@code CoreV1Event} is {@code Event}. */
  static String kindOfModel(Class<?> model, String version) {
    String versionPrefix = Character.toUpperCase(version.charAt(0)) + version.substring(1);
    String name = model.getSimpleName();
    int at = name.indexOf(versionPrefix);
    int kindStart = at + versionPrefix.length();
    if (at < 0 || kindStart >= name.length() || !Character.isUpperCase(name.charAt(kindStart))) {
      return name;
    }
    return name.substring(kindStart);
  }

  private static boolean isNamespacedResource(String resource) {
    return resource.startsWith(NAMESPACED)
        && resource.length() > NAMESPACED.length()
        && Character.isUpperCase(resource.charAt(NAMESPACED.length()));
  }

  /** The top-level classes in the package of {@code anchor}, read from its jar or folder. */
  static List<String> topLevelClassNamesInPackageOf(Class<?> anchor) {
    Path source = codeSourceOf(anchor);
    String folder = anchor.getPackageName().replace('.', '/') + "/";
    return classFileNames(source).stream()
        .filter(entry -> entry.startsWith(folder))
        .map(entry -> entry.substring(folder.length(), entry.length() - ".class".length()))
        .filter(simpleName -> simpleName.indexOf('$') < 0 && simpleName.indexOf('/') < 0)
        .map(simpleName -> anchor.getPackageName() + "." + simpleName)
        .sorted()
        .toList();
  }

  private static List<String> classFileNames(Path source) {
    try {
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source)) {
          return files
              .map(file -> source.relativize(file).toString().replace('\\', '/'))
              .filter(name -> name.endsWith(".class"))
              .toList();
        }
      }
      try (JarFile jar = new JarFile(source.toFile())) {
        return jar.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class")).toList();
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list the classes in " + source, e);
    }
  }

  private static Path codeSourceOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the jar of " + type.getName(), e);
    }
  }

  private static Class<?> load(String className) {
    try {
      return Class.forName(className, false, ApiKindScanner.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Listed but not loadable: " + className, e);
    }
  }

  private static String simpleNameOf(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
