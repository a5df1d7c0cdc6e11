package io.sendports.console;

/**
 * What every console page's frame needs: who looks, which view is current (for the navigation), the title.
 *
 * @param snapshot the snapshot the page was rendered from, where its live updates start; 0 for pages without any
 */
public record Page(ConsoleUser user, String view, String title, long snapshot) {
}
