#include "shell/gl_window.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "core/error.h"

namespace xdd {

GlWindow::GlWindow(int width, int height, const std::string& title) {
  if (!glfwInit()) {
    throw IoError("cannot initialise GLFW: is there a display? (DISPLAY unset; try xvfb-run)");
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window_) {
    glfwTerminate();
    throw IoError("cannot create a " + std::to_string(width) + "x" + std::to_string(height) +
                  " window with an OpenGL 3.3 core context");
  }
  glfwMakeContextCurrent(window_);
  // No vsync: the main loop paces itself to 60 Hz, so a frame's measured time is its work, not a
  // wait for the display.
  glfwSwapInterval(0);

  // Input callbacks before ImGui's: its GLFW backend calls the ones it finds installed, so both
  // see every event. (ImGui 1.86 polls the cursor position and installs no callback for it.)
  glfwSetWindowUserPointer(window_, this);
  glfwSetCursorPosCallback(window_, [](GLFWwindow* w, double, double) { note_input(w); });
  glfwSetMouseButtonCallback(window_, [](GLFWwindow* w, int, int, int) { note_input(w); });
  glfwSetScrollCallback(window_, [](GLFWwindow* w, double, double) { note_input(w); });
  glfwSetKeyCallback(window_, [](GLFWwindow* w, int, int, int, int) { note_input(w); });
  glfwSetCharCallback(window_, [](GLFWwindow* w, unsigned int) { note_input(w); });

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is a fixed tiling; nothing to remember
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

GlWindow::~GlWindow() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void GlWindow::note_input(GLFWwindow* window) {
  auto* self = static_cast<GlWindow*>(glfwGetWindowUserPointer(window));
  if (self) self->last_input_ = std::chrono::steady_clock::now();
}

double GlWindow::seconds_since_input() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - last_input_).count();
}

void GlWindow::toggle_fullscreen() {
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  if (!monitor) return;
  if (!fullscreen_) {
    glfwGetWindowPos(window_, &saved_x_, &saved_y_);
    glfwGetWindowSize(window_, &saved_w_, &saved_h_);
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else {
    glfwSetWindowMonitor(window_, nullptr, saved_x_, saved_y_, saved_w_, saved_h_, GLFW_DONT_CARE);
  }
  fullscreen_ = !fullscreen_;
}

void GlWindow::begin_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void GlWindow::end_frame() {
  ImGui::Render();
}

void GlWindow::render(float clear_r, float clear_g, float clear_b) {
  int w = 0, h = 0;
  framebuffer_size(w, h);
  glViewport(0, 0, w, h);
  glClearColor(clear_r, clear_g, clear_b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void GlWindow::framebuffer_size(int& width, int& height) const {
  glfwGetFramebufferSize(window_, &width, &height);
}

}  // namespace xdd
