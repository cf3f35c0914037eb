package io.millwright.console;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;

/**
 * The page shell of the console. The stylesheet is linked at run time from the web-ui jar's static
 * resources, so no frontend bundle has to be built.
 */
@StyleSheet("context://styles/console.css")
@Meta(name = "description", content = "Millwright: AI infrastructure for operations-heavy teams")
public class ConsoleShell implements AppShellConfigurator {}
