package dev.homelab.validator.schema.gen;

import com.google.gson.annotations.SerializedName;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** One JSON property of a client-java model: its serialized name, Java type and requiredness. */
record ModelProperty(String jsonName, Type javaType, boolean required) {

  private static final String SERIALIZED_NAME_PREFIX = "SERIALIZED_NAME_";

  /**
   * The properties of {@code model}, sorted by JSON name. The names listed in {@code openapiFields}
   * must be exactly the serialized names of the fields, so a client-java change that breaks this
   * assumption fails the build instead of dropping properties.
   */
  static List<ModelProperty> of(Class<?> model) {
    Set<String> declared = new TreeSet<>(staticNames(model, "openapiFields"));
    Set<String> required = new TreeSet<>(staticNames(model, "openapiRequiredFields"));
    Map<String, Field> fieldsByJsonName = new TreeMap<>();
    for (Field field : model.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        fieldsByJsonName.put(jsonNameOf(model, field), field);
      }
    }
    if (!fieldsByJsonName.keySet().equals(declared)) {
      throw new IllegalStateException(
          model.getName()
              + " serializes "
              + fieldsByJsonName.keySet()
              + " but declares openapiFields "
              + declared);
    }
    if (!declared.containsAll(required)) {
      throw new IllegalStateException(
          model.getName() + " requires " + required + " outside its openapiFields " + declared);
    }
    List<ModelProperty> properties = new ArrayList<>();
    fieldsByJsonName.forEach(
        (name, field) ->
            properties.add(
                new ModelProperty(name, field.getGenericType(), required.contains(name))));
    return properties;
  }

  static String jsonNameOf(Class<?> model, Field field) {
    SerializedName annotation = field.getAnnotation(SerializedName.class);
    if (annotation != null) {
      return annotation.value();
    }
    String constant = serializedNameConstant(field.getName());
    try {
      return (String) model.getField(constant).get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          model.getName() + "." + field.getName() + " has no @SerializedName and no " + constant,
          e);
    }
  }

  /**
   * The name of the constant that the OpenAPI generator emits beside each field: {@code hostIP}
   * becomes {@code SERIALIZED_NAME_HOST_I_P}, {@code _default} {@code SERIALIZED_NAME_DEFAULT} and
   * {@code $ref} {@code SERIALIZED_NAME_$_REF}.
   */
  static String serializedNameConstant(String fieldName) {
    String name = fieldName.startsWith("_") ? fieldName.substring(1) : fieldName;
    StringBuilder constant = new StringBuilder(SERIALIZED_NAME_PREFIX);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i > 0 && (Character.isUpperCase(c) || !Character.isLetterOrDigit(name.charAt(i - 1)))) {
        constant.append('_');
      }
      constant.append(Character.toUpperCase(c));
    }
    return constant.toString();
  }

  private static Collection<String> staticNames(Class<?> model, String fieldName) {
    try {
      Field field = model.getField(fieldName);
      @SuppressWarnings("unchecked")
      Collection<String> names = (Collection<String>) field.get(null);
      return names;
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(model.getName() + " has no usable " + fieldName, e);
    }
  }

  /**
   * Fails the build when a table of per-field facts ({@code table} names it in the message) names a
   * model class or a JSON field that the models do not have.
   */
  static void requireFieldsExist(
      String table, String modelsPackage, Map<String, ? extends Map<String, ?>> byModel) {
    for (Map.Entry<String, ? extends Map<String, ?>> model : byModel.entrySet()) {
      List<String> fields;
      try {
        Class<?> type = Class.forName(modelsPackage + "." + model.getKey());
        fields = of(type).stream().map(ModelProperty::jsonName).toList();
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(table + " names " + model.getKey() + ", no such model");
      }
      for (String field : model.getValue().keySet()) {
        if (!fields.contains(field)) {
          throw new IllegalStateException(
              table + " names " + model.getKey() + "." + field + ", which has no such field");
        }
      }
    }
  }
}
