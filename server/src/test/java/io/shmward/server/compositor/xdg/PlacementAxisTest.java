package io.shmward.server.compositor.xdg;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmward.server.compositor.xdg.PlacementAxis.Side;
import org.junit.jupiter.api.Test;

/** One axis of xdg_positioner placement within bounds [0, 100): each adjustment as xdg-shell.xml words it. */
class PlacementAxisTest {

    private static PlacementAxis axis(int anchorStart, int anchorLength, Side anchor, Side gravity, int size,
                                      boolean flip, boolean slide, boolean resize) {
        return new PlacementAxis(anchorStart, anchorLength, anchor, gravity, 0, size, flip, slide, resize);
    }

    @Test
    void anchorAndGravityPlaceThePopupWithoutAdjustments() {
        assertThat(axis(80, 10, Side.HIGH, Side.HIGH, 20, false, false, false).place(0, 100)).containsExactly(90, 20);
        assertThat(axis(80, 10, Side.LOW, Side.LOW, 20, false, false, false).place(0, 100)).containsExactly(60, 20);
        assertThat(axis(80, 10, Side.CENTER, Side.CENTER, 20, false, false, false).place(0, 100)).containsExactly(75, 20);
        assertThat(new PlacementAxis(80, 10, Side.LOW, Side.HIGH, 3, 20, false, false, false).place(0, 100))
                .as("the offset moves it").containsExactly(83, 20);
    }

    @Test
    void aConstrainedPopupIsFlippedWhenTheFlippedPlaceFits() {
        assertThat(axis(80, 10, Side.HIGH, Side.HIGH, 20, true, false, false).place(0, 100)).containsExactly(60, 20);
    }

    @Test
    void aFlipThatIsConstrainedTooIsNotTaken() {
        assertThat(axis(10, 5, Side.HIGH, Side.HIGH, 20, true, false, false).place(0, 25)).containsExactly(15, 20);
    }

    @Test
    void slidingMovesItJustInside() {
        assertThat(axis(90, 0, Side.HIGH, Side.HIGH, 20, false, true, false).place(0, 100)).containsExactly(80, 20);
        assertThat(axis(15, 0, Side.LOW, Side.LOW, 20, false, true, false).place(0, 100)).containsExactly(0, 20);
    }

    @Test
    void aPopupLargerThanTheBoundsSlidesToTheEdgeItExtendsFrom() {
        assertThat(axis(10, 0, Side.LOW, Side.HIGH, 150, false, true, false).place(0, 100))
                .as("extends right: left edges aligned").containsExactly(0, 150);
        assertThat(axis(90, 0, Side.LOW, Side.LOW, 150, false, true, false).place(0, 100))
                .as("extends left: right edges aligned").containsExactly(-50, 150);
    }

    @Test
    void resizingCutsItToTheBounds() {
        assertThat(axis(90, 0, Side.LOW, Side.HIGH, 20, false, false, true).place(0, 100)).containsExactly(90, 10);
    }

    @Test
    void flipComesBeforeSlideAndSlideBeforeResize() {
        assertThat(axis(80, 10, Side.HIGH, Side.HIGH, 20, true, true, true).place(0, 100))
                .as("the flip fits, so neither slide nor resize is needed").containsExactly(60, 20);
        assertThat(axis(10, 5, Side.HIGH, Side.HIGH, 20, true, true, true).place(0, 25))
                .as("the flip does not fit; the slide does").containsExactly(5, 20);
        assertThat(axis(10, 5, Side.HIGH, Side.HIGH, 40, true, true, true).place(0, 25))
                .as("too large to slide inside: cut").containsExactly(0, 25);
    }
}
